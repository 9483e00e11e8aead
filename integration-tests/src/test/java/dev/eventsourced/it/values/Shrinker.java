package dev.eventsourced.it.values;

import dev.eventsourced.annotations.Key;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Simpler variants of a generated value, for shrinking a failing example: null or empty first, then
 * halves, single elements removed, and each part simplified in turn. Strings shrink by code points,
 * so a well-formed string stays well-formed.
 */
final class Shrinker {

  private static final int PER_LEVEL = 8;

  /** A record that wraps a test's example (not a row): its components are shrunk but never null. */
  interface Example {}

  private Shrinker() {}

  static List<Object> candidates(Object value) {
    return candidates(value, false);
  }

  private static List<Object> candidates(Object value, boolean nullable) {
    List<Object> out = new ArrayList<>();
    if (value == null) return out;
    if (nullable) out.add(null);
    if (value instanceof String s) {
      int[] cps = s.codePoints().toArray();
      if (cps.length == 0) return out;
      out.add("");
      if (cps.length > 1) {
        out.add(new String(cps, 0, cps.length / 2));
        out.add(new String(cps, cps.length / 2, cps.length - cps.length / 2));
      }
      for (int i = 0; i < Math.min(cps.length, PER_LEVEL) && cps.length > 1; i++) {
        StringBuilder without = new StringBuilder();
        for (int j = 0; j < cps.length; j++) if (j != i) without.appendCodePoint(cps[j]);
        out.add(without.toString());
      }
      if (!s.equals("a")) out.add("a");
    } else if (value instanceof Character c) {
      if (c != 'a') out.add('a');
    } else if (value instanceof Boolean b) {
      if (b) out.add(false);
    } else if (value instanceof Double d) {
      if (!d.equals(0.0)) out.add(0.0);
      if (!d.equals(1.0) && !d.equals(0.0)) out.add(1.0);
    } else if (value instanceof Float f) {
      if (!f.equals(0.0f)) out.add(0.0f);
    } else if (value instanceof Long l) {
      if (l != 0) out.add(0L);
      if (l != 0 && l != 1 && l != -1) out.add(l / 2);
    } else if (value instanceof Integer i) {
      if (i != 0) out.add(0);
    } else if (value instanceof Short s) {
      if (s != 0) out.add((short) 0);
    } else if (value instanceof Byte b) {
      if (b != 0) out.add((byte) 0);
    } else if (value instanceof BigDecimal d) {
      if (!d.equals(BigDecimal.ZERO)) out.add(BigDecimal.ZERO);
      if (!d.equals(BigDecimal.ONE)) out.add(BigDecimal.ONE);
    } else if (value instanceof Instant i) {
      if (!i.equals(Instant.EPOCH)) out.add(Instant.EPOCH);
      if (i.getNano() != 0) out.add(Instant.ofEpochSecond(i.getEpochSecond()));
    } else if (value instanceof LocalDate d) {
      if (!d.equals(LocalDate.EPOCH)) out.add(LocalDate.EPOCH);
    } else if (value instanceof UUID u) {
      if (!u.equals(new UUID(0, 0))) out.add(new UUID(0, 0));
    } else if (value instanceof Enum<?> e) {
      if (e.ordinal() != 0) out.add(e.getDeclaringClass().getEnumConstants()[0]);
    } else if (value instanceof byte[] b) {
      if (b.length > 0) out.add(new byte[0]);
      if (b.length > 1) out.add(java.util.Arrays.copyOf(b, b.length / 2));
      if (b.length == 1 && b[0] != 0) out.add(new byte[1]);
    } else if (value instanceof Optional<?> o) {
      if (o.isPresent()) {
        out.add(Optional.empty());
        for (Object inner : candidates(o.get(), false)) out.add(Optional.of(inner));
      }
    } else if (value instanceof List<?> l) {
      out.addAll(sequences(new ArrayList<>(l)));
    } else if (value instanceof Set<?> s) {
      for (List<Object> shorter : sequences(new ArrayList<>(s)))
        out.add(new LinkedHashSet<>(shorter));
    } else if (value instanceof Map<?, ?> m) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
      if (!entries.isEmpty()) out.add(new LinkedHashMap<>());
      if (entries.size() > 1) {
        out.add(map(entries.subList(0, entries.size() / 2)));
        out.add(map(entries.subList(entries.size() / 2, entries.size())));
      }
      for (int i = 0; i < Math.min(entries.size(), PER_LEVEL) && entries.size() > 1; i++) {
        List<Map.Entry<?, ?>> without = new ArrayList<>(entries);
        without.remove(i);
        out.add(map(without));
      }
      for (int i = 0; i < Math.min(entries.size(), PER_LEVEL); i++) {
        for (Object simpler : candidates(entries.get(i).getValue(), true)) {
          Map<Object, Object> changed = map(entries);
          changed.put(entries.get(i).getKey(), simpler);
          out.add(changed);
        }
      }
    } else if (value instanceof Record r) {
      out.addAll(records(r));
    }
    return out;
  }

  private static List<Object> records(Record r) {
    List<Object> out = new ArrayList<>();
    RecordComponent[] components = r.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) values[i] = Canonical.component(r, components[i]);
    for (int i = 0; i < components.length; i++) {
      boolean nullable =
          !(r instanceof Example)
              && !components[i].getType().isPrimitive()
              && components[i].getType() != Optional.class
              && !components[i].isAnnotationPresent(Key.class);
      for (Object simpler : candidates(values[i], nullable)) {
        Object[] changed = values.clone();
        changed[i] = simpler;
        out.add(Domain.construct(r.getClass(), changed));
      }
    }
    return out;
  }

  private static List<List<Object>> sequences(List<Object> elements) {
    List<List<Object>> out = new ArrayList<>();
    if (elements.isEmpty()) return out;
    out.add(new ArrayList<>());
    if (elements.size() > 1) {
      out.add(new ArrayList<>(elements.subList(0, elements.size() / 2)));
      out.add(new ArrayList<>(elements.subList(elements.size() / 2, elements.size())));
    }
    for (int i = 0; i < Math.min(elements.size(), PER_LEVEL) && elements.size() > 1; i++) {
      List<Object> without = new ArrayList<>(elements);
      without.remove(i);
      out.add(without);
    }
    for (int i = 0; i < Math.min(elements.size(), PER_LEVEL); i++) {
      for (Object simpler : candidates(elements.get(i), true)) {
        List<Object> changed = new ArrayList<>(elements);
        changed.set(i, simpler);
        out.add(changed);
      }
    }
    return out;
  }

  private static Map<Object, Object> map(List<Map.Entry<?, ?>> entries) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : entries) map.put(entry.getKey(), entry.getValue());
    return map;
  }
}
