// Uploads from the record page: each chosen or dropped file is sent as the body of
// PUT /api/records/{id}/files/{key}. The File object itself is the body, so the browser streams
// it from disk; nothing reads it into memory. XHR, because fetch reports no upload progress.
(function () {
  "use strict";

  var section = document.querySelector("section.upload[data-upload-base]");
  if (!section) {
    return;
  }
  var base = section.getAttribute("data-upload-base");
  var list = document.getElementById("uploads");
  var picker = document.getElementById("file-picker");
  var zone = document.getElementById("dropzone");
  var running = 0;
  var changed = false;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)__Host-csrftoken=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function message(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body && body.message) {
        return body.message;
      }
    } catch (ignored) {
      // not JSON: fall back to the status below
    }
    return "the server answered " + xhr.status;
  }

  function explain(xhr) {
    if (xhr.status === 507) {
      return "Not enough storage left: " + message(xhr);
    }
    if (xhr.status === 413) {
      return "Too large: " + message(xhr);
    }
    return "Upload failed: " + message(xhr);
  }

  function finished() {
    running -= 1;
    if (running === 0 && changed) {
      var done = document.getElementById("uploads-done");
      if (!done) {
        done = document.createElement("li");
        done.id = "uploads-done";
        var link = document.createElement("a");
        link.href = window.location.pathname;
        link.textContent = "Show the updated file list";
        done.appendChild(link);
        list.appendChild(done);
      }
    }
  }

  function upload(file, key) {
    var item = document.createElement("li");
    item.className = "upload-item";
    item.setAttribute("data-key", key);
    var name = document.createElement("span");
    name.className = "name";
    name.textContent = key + " ";
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Upload of " + key);
    var status = document.createElement("span");
    status.className = "status";
    status.textContent = " 0 %";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "secondary";
    cancel.textContent = "Cancel";
    cancel.setAttribute("aria-label", "Cancel the upload of " + key);
    item.appendChild(name);
    item.appendChild(bar);
    item.appendChild(status);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(cancel);
    list.appendChild(item);

    var xhr = new XMLHttpRequest();
    xhr.open("PUT", base + encodeURIComponent(key));
    xhr.setRequestHeader("X-CSRFToken", csrfToken());
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        var percent = Math.floor(event.loaded * 100 / event.total);
        bar.value = percent;
        item.setAttribute("data-progress", String(percent));
        status.textContent = " " + percent + " %";
      }
    });
    xhr.addEventListener("load", function () {
      cancel.remove();
      if (xhr.status >= 200 && xhr.status < 300) {
        bar.value = 100;
        status.textContent = " 100 %: uploaded";
        item.setAttribute("data-state", "done");
        changed = true;
      } else {
        status.textContent = " " + explain(xhr);
        status.className = "status field-error";
        item.setAttribute("data-state", "failed");
        item.setAttribute("data-status", String(xhr.status));
      }
      finished();
    });
    xhr.addEventListener("error", function () {
      cancel.remove();
      status.textContent = " Upload failed: the connection was lost.";
      status.className = "status field-error";
      item.setAttribute("data-state", "failed");
      finished();
    });
    xhr.addEventListener("abort", function () {
      cancel.remove();
      status.textContent = " Cancelled; nothing was stored.";
      item.setAttribute("data-state", "cancelled");
      finished();
    });
    cancel.addEventListener("click", function () {
      xhr.abort();
    });
    running += 1;
    xhr.send(file);
  }

  // A file already listed under the same name is replaced by the upload: ask first, as Replace does.
  function listed(key) {
    var rows = document.querySelectorAll("table.files tr[data-key]");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute("data-key") === key) {
        return true;
      }
    }
    return false;
  }

  function uploadAll(files) {
    for (var i = 0; i < files.length; i++) {
      var key = files[i].name;
      if (!listed(key) || window.confirm("Replace the file " + key + " already on this record?")) {
        upload(files[i], key);
      }
    }
  }

  picker.addEventListener("change", function () {
    uploadAll(picker.files);
    picker.value = "";
  });

  zone.addEventListener("dragover", function (event) {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", function () {
    zone.classList.remove("over");
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("over");
    if (event.dataTransfer && event.dataTransfer.files) {
      uploadAll(event.dataTransfer.files);
    }
  });

  document.querySelectorAll("input.replace-file").forEach(function (input) {
    input.addEventListener("change", function () {
      var key = input.getAttribute("data-key");
      if (input.files.length === 1 && window.confirm("Replace " + key + " with " + input.files[0].name + "?")) {
        upload(input.files[0], key);
      }
      input.value = "";
    });
  });
})();
