package org.strongroom.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;

/** Gives every page the signed-in user's e-mail address (or null) for the header. */
@ControllerAdvice(annotations = Controller.class)
class CurrentUserAdvice {

  @ModelAttribute("currentUser")
  String currentUser() {
    return Callers.current().map(Caller::email).orElse(null);
  }
}
