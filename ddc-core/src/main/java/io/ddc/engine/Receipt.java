package io.ddc.engine;

import io.ddc.model.Event;
import io.ddc.model.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * What an accepted request did: its events and the log index of the first one.
 *
 * @param firstSeq the sequence number (log index) of the first event
 * @param events the events, in log order
 */
public record Receipt(long firstSeq, List<Event> events) {
  /** Copies the list. */
  public Receipt {
    events = List.copyOf(events);
  }

  /** The ids of the DDCs the request minted, in order. */
  public List<Long> mintedIds() {
    List<Long> ids = new ArrayList<>();
    for (Event e : events) {
      if (e.type() == EventType.MINTED) {
        ids.add(e.number("ddc"));
      }
    }
    return ids;
  }
}
