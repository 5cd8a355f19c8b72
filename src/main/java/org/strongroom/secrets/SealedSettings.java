package org.strongroom.secrets;

import java.util.List;

/** The sealed values a feature reads from the configuration ({@link SealedSetting}); those set, only. */
@org.springframework.modulith.NamedInterface("sealing")
public interface SealedSettings {

  List<SealedSetting> sealedSettings();
}
