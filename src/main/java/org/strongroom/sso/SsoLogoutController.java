package org.strongroom.sso;

import jakarta.annotation.security.PermitAll;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** The page that sends the browser on to the provider's logout; reached only by forward from /logout. */
@Controller
class SsoLogoutController {

  @RequestMapping(SsoLogout.PAGE)
  @PermitAll
  String page(jakarta.servlet.http.HttpServletRequest request, org.springframework.ui.Model model) {
    model.addAttribute("endSessionUrl", request.getAttribute(SsoLogout.END_SESSION_URL));
    return "sso/logout";
  }
}
