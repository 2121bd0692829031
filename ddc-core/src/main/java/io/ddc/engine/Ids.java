package io.ddc.engine;

import io.ddc.model.AccountState;
import io.ddc.model.DdcKind;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;

/** Wire names of already-validated items and events back to enums; a failure here is a bug. */
final class Ids {
  private Ids() {}

  static Role role(String id) {
    try {
      return Role.parse(id);
    } catch (MalformedDataException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static Operation op(String id) {
    try {
      return Operation.parse(id);
    } catch (MalformedDataException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static DdcKind kind(String id) {
    try {
      return DdcKind.parse(id);
    } catch (MalformedDataException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static AccountState state(String id) {
    try {
      return AccountState.parse(id);
    } catch (MalformedDataException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static Switch toggle(String id) {
    try {
      return Switch.parse(id);
    } catch (MalformedDataException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
