/**
 * The annotations other features put on their handlers, part of {@code accounts :: api}. In a
 * package of their own because Spring Modulith would take {@code @NamedInterface} on an
 * annotation type for a meta-annotation, putting every handler it marks into an interface.
 */
@org.springframework.modulith.NamedInterface("api")
package org.strongroom.accounts.annotations;
