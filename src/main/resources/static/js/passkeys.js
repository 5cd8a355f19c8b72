"use strict";
// Passkeys: registration on /account/security/passkeys, sign-in on /login and /login/mfa,
// confirming sudo mode on /account/sudo.
// Talks JSON to Spring Security's WebAuthn endpoints; the CSRF token comes from the page.
(() => {
  const b64url = {
    encode(buffer) {
      const text = window.btoa(String.fromCharCode(...new Uint8Array(buffer)));
      return text.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(value) {
      const binary = window.atob(value.replace(/-/g, "+").replace(/_/g, "/"));
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) {
        bytes[i] = binary.charCodeAt(i);
      }
      return bytes.buffer;
    }
  };

  function csrf() {
    const field = document.getElementById("passkey-csrf");
    return field ? field.value : "";
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(json.message || ("HTTP " + response.status));
    }
    return json;
  }

  function status(text) {
    const element = document.getElementById("passkey-status");
    if (element) {
      element.textContent = text;
    }
  }

  async function register(label) {
    const options = await post("/webauthn/register/options");
    const publicKey = {
      ...options,
      user: { ...options.user, id: b64url.decode(options.user.id) },
      challenge: b64url.decode(options.challenge),
      excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) }))
    };
    const created = await navigator.credentials.create({ publicKey });
    const response = created.response;
    await post("/webauthn/register", {
      publicKey: {
        label,
        credential: {
          id: created.id,
          rawId: b64url.encode(created.rawId),
          response: {
            attestationObject: b64url.encode(response.attestationObject),
            clientDataJSON: b64url.encode(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : []
          },
          type: created.type,
          clientExtensionResults: created.getClientExtensionResults(),
          authenticatorAttachment: created.authenticatorAttachment
        }
      }
    });
  }

  async function signIn() {
    const options = await post("/webauthn/authenticate/options");
    const publicKey = {
      ...options,
      challenge: b64url.decode(options.challenge),
      allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) }))
    };
    const credential = await navigator.credentials.get({ publicKey });
    const response = credential.response;
    const result = await post("/login/webauthn", {
      id: credential.id,
      rawId: b64url.encode(credential.rawId),
      response: {
        authenticatorData: b64url.encode(response.authenticatorData),
        clientDataJSON: b64url.encode(response.clientDataJSON),
        signature: b64url.encode(response.signature),
        userHandle: response.userHandle ? b64url.encode(response.userHandle) : undefined
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    });
    return result.redirectUrl || "/";
  }

  document.addEventListener("DOMContentLoaded", () => {
    const registerForm = document.getElementById("passkey-register");
    if (registerForm) {
      registerForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        const label = document.getElementById("passkey-label").value.trim();
        if (!label) {
          status("Give the passkey a name.");
          return;
        }
        try {
          await register(label);
          window.location.href = "/account/security/passkeys?added";
        } catch (error) {
          status("The passkey was not added: " + error.message);
        }
      });
    }
    const sudoButton = document.getElementById("passkey-sudo");
    if (sudoButton) {
      sudoButton.addEventListener("click", async () => {
        try {
          const next = document.getElementById("passkey-next").value;
          await post("/account/sudo/passkey?next=" + encodeURIComponent(next));
          window.location.href = await signIn();
        } catch (error) {
          status("The passkey did not confirm your identity: " + error.message);
        }
      });
    }
    const signInButton = document.getElementById("passkey-sign-in");
    if (signInButton) {
      signInButton.addEventListener("click", async () => {
        try {
          window.location.href = await signIn();
        } catch (error) {
          status("Passkey sign-in failed: " + error.message);
        }
      });
    }
  });
})();
