package io.nifidataflow.window.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a {@link Journal} in a processor's state map, next to the watermark in readable form so that
 * NiFi's "View State" shows it. Entries are compact text: {@code I:uuid:sequence:watermark[:r]},
 * {@code W:watermark}, {@code E}, {@code X:end:firstArrival}, separated by blanks.
 */
public final class JournalCodec {

    public static final String WATERMARK = "watermark";
    public static final String WATERMARK_MILLIS = "watermark.millis";
    public static final String HELD_FLOWFILES = "held.flowfiles";
    public static final String BASE_WATERMARK = "journal.base.watermark";
    public static final String NEXT_SEQUENCE = "journal.next.sequence";
    public static final String ENTRIES = "journal.entries";
    public static final String CONFIGURATION = "configuration";

    private JournalCodec() {
    }

    /** The state map for {@code journal}, with the operator's current {@code watermark} and a configuration fingerprint. */
    public static Map<String, String> encode(final Journal journal, final long watermark, final String configuration) {
        final Map<String, String> state = new HashMap<>();
        state.put(WATERMARK, describe(watermark));
        state.put(WATERMARK_MILLIS, String.valueOf(watermark));
        state.put(HELD_FLOWFILES, String.valueOf(journal.heldFlowFileIds().size()));
        state.put(BASE_WATERMARK, String.valueOf(journal.baseWatermark()));
        state.put(NEXT_SEQUENCE, String.valueOf(journal.nextSequence()));
        state.put(CONFIGURATION, configuration);
        final StringBuilder entries = new StringBuilder();
        for (final Journal.Entry entry : journal.entries()) {
            if (!entries.isEmpty()) {
                entries.append(' ');
            }
            switch (entry) {
                case Journal.Input input -> entries.append("I:").append(input.flowFileId()).append(':').append(input.sequence())
                        .append(':').append(input.watermarkAfter()).append(input.released() ? ":r" : "");
                case Journal.WatermarkAdvance advance -> entries.append("W:").append(advance.watermark());
                case Journal.EarlyFiring early -> entries.append('E');
                case Journal.Eviction eviction -> entries.append("X:").append(eviction.end()).append(':').append(eviction.firstArrival());
            }
        }
        state.put(ENTRIES, entries.toString());
        return state;
    }

    /** The journal stored in {@code state}; an empty journal when there is none. */
    public static Journal decode(final Map<String, String> state) {
        if (state == null || !state.containsKey(ENTRIES)) {
            return Journal.empty();
        }
        final List<Journal.Entry> entries = new ArrayList<>();
        final String text = state.get(ENTRIES).trim();
        if (!text.isEmpty()) {
            for (final String token : text.split(" ")) {
                entries.add(parse(token));
            }
        }
        return new Journal(Long.parseLong(state.get(BASE_WATERMARK)), Long.parseLong(state.get(NEXT_SEQUENCE)), entries);
    }

    private static Journal.Entry parse(final String token) {
        final String[] parts = token.split(":");
        try {
            return switch (parts[0]) {
                case "I" -> new Journal.Input(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), parts.length > 4 && parts[4].equals("r"));
                case "W" -> new Journal.WatermarkAdvance(Long.parseLong(parts[1]));
                case "E" -> new Journal.EarlyFiring();
                case "X" -> new Journal.Eviction(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                default -> throw new IllegalArgumentException("unknown entry");
            };
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException("The stored window journal is damaged at '" + token + "'", e);
        }
    }

    /** The watermark as users read it: an ISO-8601 instant, or a word before there is one. */
    public static String describe(final long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return "none yet";
        }
        if (watermark == Long.MAX_VALUE) {
            return "end of input";
        }
        return Instant.ofEpochMilli(watermark).toString();
    }
}
