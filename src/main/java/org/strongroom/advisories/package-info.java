/**
 * What this build is made of and whether any of it has a known advisory
 * (docs/operations/dependencies.md): the CycloneDX SBOM every build embeds
 * ({@link org.strongroom.advisories.Sbom}), the build's time
 * and commit ({@link org.strongroom.advisories.BuildInfo}), and the offline match of the SBOM
 * against an OSV advisory export ({@link org.strongroom.advisories.Advisories}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"instance :: deploy-checks", "instance :: layout"})
package org.strongroom.advisories;
