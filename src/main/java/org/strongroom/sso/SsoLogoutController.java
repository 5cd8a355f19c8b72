package org.strongroom.sso;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page that sends the browser on to the provider's logout; reached only by forward from
 * /logout. The layout's {@code refreshTo} forwards it without a script; its link does the same
 * for a browser that does not follow refreshes, from the keyboard too.
 */
@Controller
class SsoLogoutController {

  @RequestMapping(SsoLogout.PAGE)
  @PermitAll
  String page(HttpServletRequest request, Model model) {
    model.addAttribute("refreshTo", request.getAttribute(SsoLogout.END_SESSION_URL));
    return "sso/logout";
  }
}
