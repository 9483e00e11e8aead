package dev.eventsourced.it.values;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value rules of invariant 7, written independently of the runtime: the canonical form of a row
 * (what get, the payload, the state table and live rows must all hold), whether a row must be
 * refused, and a deep comparison that names the first difference.
 *
 * <ul>
 *   <li>strings and chars exactly (any code point, U+0000 included); a string or char that is not
 *       well-formed UTF-16, anywhere in the row, makes the row invalid;
 *   <li>float/double: -0.0 becomes 0.0 everywhere; NaN and the infinities are kept;
 *   <li>Instant: truncated to milliseconds (floor); outside the range of epoch milliseconds in a
 *       long, invalid;
 *   <li>a map with a null key is invalid;
 *   <li>everything else exactly: BigDecimal with its scale, byte[] by content (empty is not null),
 *       collection order and null elements.
 * </ul>
 */
final class Canonical {

  private Canonical() {}

  /** The canonical form of {@code value}; collections come back as new mutable copies. */
  @SuppressWarnings("unchecked")
  static <T> T of(T value) {
    return (T) canonical(value);
  }

  private static Object canonical(Object value) {
    if (value == null) return null;
    if (value instanceof Double d) return d == 0.0 ? 0.0 : d;
    if (value instanceof Float f) return f == 0.0f ? 0.0f : f;
    if (value instanceof Instant i) return i.truncatedTo(ChronoUnit.MILLIS);
    if (value instanceof byte[] b) return b.clone();
    if (value instanceof Optional<?> o) return o.map(Canonical::canonical);
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object element : l) copy.add(canonical(element));
      return copy;
    }
    if (value instanceof Set<?> s) {
      Set<Object> copy = new LinkedHashSet<>();
      for (Object element : s) copy.add(canonical(element));
      return copy;
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : m.entrySet())
        copy.put(canonical(entry.getKey()), canonical(entry.getValue()));
      return copy;
    }
    if (value instanceof Record r) {
      RecordComponent[] components = r.getClass().getRecordComponents();
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++)
        values[i] = canonical(component(r, components[i]));
      return Domain.construct(r.getClass(), values);
    }
    return value;
  }

  /** A deep copy whose collections and arrays are mutable and shared with nothing. */
  @SuppressWarnings("unchecked")
  static <T> T mutableCopy(T value) {
    return (T) copy(value);
  }

  private static Object copy(Object value) {
    if (value instanceof byte[] b) return b.clone();
    if (value instanceof Optional<?> o) return o.map(Canonical::copy);
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object element : l) copy.add(copy(element));
      return copy;
    }
    if (value instanceof Set<?> s) {
      Set<Object> copy = new LinkedHashSet<>();
      for (Object element : s) copy.add(copy(element));
      return copy;
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : m.entrySet()) copy.put(entry.getKey(), copy(entry.getValue()));
      return copy;
    }
    if (value instanceof Record r) {
      RecordComponent[] components = r.getClass().getRecordComponents();
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) values[i] = copy(component(r, components[i]));
      return Domain.construct(r.getClass(), values);
    }
    return value;
  }

  /** Why a row holding {@code value} must be refused, or {@code null} when it is valid. */
  static String invalidity(Object value) {
    return invalidity(value, "");
  }

  private static String invalidity(Object value, String path) {
    if (value == null) return null;
    if (value instanceof String s) {
      int at = firstUnpairedSurrogate(s);
      return at < 0 ? null : path + ": unpaired surrogate at index " + at + " of " + show(s);
    }
    if (value instanceof Character c) {
      return Character.isSurrogate(c) ? path + ": unpaired surrogate char " + show(c) : null;
    }
    if (value instanceof Instant i) {
      try {
        i.toEpochMilli();
        return null;
      } catch (ArithmeticException e) {
        return path + ": Instant " + i + " outside the range of epoch milliseconds";
      }
    }
    if (value instanceof Optional<?> o)
      return o.isPresent() ? invalidity(o.get(), path + ".get()") : null;
    if (value instanceof Collection<?> c) {
      int index = 0;
      for (Object element : c) {
        String problem = invalidity(element, path + "[" + index++ + "]");
        if (problem != null) return problem;
      }
      return null;
    }
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> entry : m.entrySet()) {
        if (entry.getKey() == null) return path + ": null map key";
        String problem = invalidity(entry.getKey(), path + ".key(" + show(entry.getKey()) + ")");
        if (problem == null)
          problem = invalidity(entry.getValue(), path + "[" + show(entry.getKey()) + "]");
        if (problem != null) return problem;
      }
      return null;
    }
    if (value instanceof Record r) {
      for (RecordComponent component : r.getClass().getRecordComponents()) {
        String problem = invalidity(component(r, component), path + "." + component.getName());
        if (problem != null) return problem;
      }
    }
    return null;
  }

  static int firstUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first difference between {@code expected} and {@code actual}, as "{@code .path: expected X
   * but was Y}", or {@code null} when they are the same value. Doubles and floats compare by {@code
   * equals} (NaN equals NaN, -0.0 differs from 0.0), BigDecimals with their scale, arrays by
   * content, sets and maps in iteration order.
   */
  static String difference(Object expected, Object actual) {
    return difference(expected, actual, "");
  }

  private static String difference(Object expected, Object actual, String path) {
    if (expected == null || actual == null) {
      return expected == actual ? null : differs(path, expected, actual);
    }
    if (expected instanceof byte[] e) {
      return actual instanceof byte[] a && Arrays.equals(e, a)
          ? null
          : differs(path, expected, actual);
    }
    if (expected instanceof Optional<?> e) {
      if (!(actual instanceof Optional<?> a) || e.isPresent() != a.isPresent())
        return differs(path, expected, actual);
      return e.isPresent() ? difference(e.get(), a.get(), path + ".get()") : null;
    }
    if (expected instanceof Collection<?> e) {
      if (!(actual instanceof Collection<?> a) || (e instanceof Set) != (a instanceof Set)) {
        return differs(path, expected, actual);
      }
      Iterator<?> ai = a.iterator();
      int index = 0;
      for (Object element : e) {
        if (!ai.hasNext())
          return path
              + ": "
              + a.size()
              + " elements, expected "
              + e.size()
              + ", first missing "
              + show(element);
        String difference = difference(element, ai.next(), path + "[" + index++ + "]");
        if (difference != null) return difference;
      }
      return ai.hasNext()
          ? path
              + ": "
              + a.size()
              + " elements, expected "
              + e.size()
              + "; extra "
              + show(ai.next())
          : null;
    }
    if (expected instanceof Map<?, ?> e) {
      if (!(actual instanceof Map<?, ?> a)) return differs(path, expected, actual);
      Iterator<? extends Map.Entry<?, ?>> ai = a.entrySet().iterator();
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        if (!ai.hasNext())
          return path
              + ": "
              + a.size()
              + " entries, expected "
              + e.size()
              + ", first missing key "
              + show(entry.getKey());
        Map.Entry<?, ?> other = ai.next();
        String difference = difference(entry.getKey(), other.getKey(), path + ".keys()");
        if (difference == null)
          difference =
              difference(
                  entry.getValue(), other.getValue(), path + "[" + show(entry.getKey()) + "]");
        if (difference != null) return difference;
      }
      return ai.hasNext() ? path + ": " + a.size() + " entries, expected " + e.size() : null;
    }
    if (expected instanceof Record e) {
      if (actual.getClass() != expected.getClass()) return differs(path, expected, actual);
      for (RecordComponent component : e.getClass().getRecordComponents()) {
        String difference =
            difference(
                component(e, component),
                component((Record) actual, component),
                path + "." + component.getName());
        if (difference != null) return difference;
      }
      return null;
    }
    return expected.equals(actual) ? null : differs(path, expected, actual);
  }

  private static String differs(String path, Object expected, Object actual) {
    return (path.isEmpty() ? "(row)" : path)
        + ": expected "
        + show(expected)
        + " but was "
        + show(actual);
  }

  /**
   * The first collection in {@code value} (at any depth) that can be modified, or {@code null} when
   * all are unmodifiable. Probes with no-op bulk operations, which unmodifiable collections refuse
   * and modifiable ones accept without changing.
   */
  static String firstModifiable(Object value) {
    return firstModifiable(value, "");
  }

  private static String firstModifiable(Object value, String path) {
    if (value instanceof Optional<?> o)
      return o.isPresent() ? firstModifiable(o.get(), path + ".get()") : null;
    if (value instanceof Collection<?> c) {
      try {
        c.addAll(Collections.emptyList());
        return (path.isEmpty() ? "(row)" : path) + " (" + c.getClass().getName() + ")";
      } catch (UnsupportedOperationException expected) {
        // unmodifiable
      }
      int index = 0;
      for (Object element : c) {
        String found = firstModifiable(element, path + "[" + index++ + "]");
        if (found != null) return found;
      }
      return null;
    }
    if (value instanceof Map<?, ?> m) {
      try {
        m.putAll(Collections.emptyMap());
        return path + " (" + m.getClass().getName() + ")";
      } catch (UnsupportedOperationException expected) {
        // unmodifiable
      }
      for (Map.Entry<?, ?> entry : m.entrySet()) {
        String found = firstModifiable(entry.getValue(), path + "[" + show(entry.getKey()) + "]");
        if (found != null) return found;
      }
      return null;
    }
    if (value instanceof Record r) {
      for (RecordComponent component : r.getClass().getRecordComponents()) {
        String found = firstModifiable(component(r, component), path + "." + component.getName());
        if (found != null) return found;
      }
    }
    return null;
  }

  static Object component(Record record, RecordComponent component) {
    try {
      Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A readable, bounded rendering: non-ASCII and control characters escaped, long values cut. */
  static String show(Object value) {
    String text;
    if (value == null) {
      text = "null";
    } else if (value instanceof String s) {
      text =
          "\""
              + escape(s.length() > 60 ? s.substring(0, 60) : s)
              + (s.length() > 60 ? "...\"(" + s.length() + " chars)" : "\"");
    } else if (value instanceof Character c) {
      text = "'" + escape(String.valueOf(c)) + "'";
    } else if (value instanceof byte[] b) {
      String content = Arrays.toString(b.length > 16 ? Arrays.copyOf(b, 16) : b);
      text =
          "byte["
              + b.length
              + "]{"
              + content.substring(1, content.length() - 1)
              + (b.length > 16 ? ", ...}" : "}");
    } else if (value instanceof Double d) {
      text = d + "d";
    } else if (value instanceof Float f) {
      text = f + "f";
    } else if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      StringBuilder out =
          new StringBuilder(value.getClass().getSimpleName())
              .append(value instanceof Map ? "{" : "[");
      Iterable<?> items = value instanceof Map<?, ?> m ? m.entrySet() : (Collection<?>) value;
      int n = 0;
      for (Object item : items) {
        if (n++ > 0) out.append(", ");
        if (n > 8) {
          out.append("... (")
              .append(value instanceof Map<?, ?> m ? m.size() : ((Collection<?>) value).size())
              .append(")");
          break;
        }
        out.append(
            item instanceof Map.Entry<?, ?> e
                ? show(e.getKey()) + "=" + show(e.getValue())
                : show(item));
      }
      text = out.append(value instanceof Map ? "}" : "]").toString();
    } else if (value instanceof Optional<?> o) {
      text = o.isPresent() ? "Optional[" + show(o.get()) + "]" : "Optional.empty";
    } else if (value instanceof Record r) {
      // Components holding null, empty, zero or false are left out when that makes it shorter.
      StringBuilder out = new StringBuilder(r.getClass().getSimpleName()).append("[");
      RecordComponent[] components = r.getClass().getRecordComponents();
      int shown = 0;
      int left = 0;
      for (int i = 0; i < components.length; i++) {
        Object v = component(r, components[i]);
        if (components.length > 4 && i > 0 && isDefault(v)) {
          left++;
          continue;
        }
        if (shown++ > 0) out.append(", ");
        out.append(components[i].getName()).append("=").append(show(v));
      }
      if (left > 0)
        out.append(shown > 0 ? ", " : "").append(left).append(" others null/empty/zero/false");
      text = out.append("]").toString();
    } else if (value instanceof BigDecimal d) {
      String s = d.toString();
      text = s.length() > 60 ? s.substring(0, 60) + "...(scale " + d.scale() + ")" : s;
    } else {
      text = String.valueOf(value);
    }
    return text;
  }

  private static boolean isDefault(Object v) {
    return v == null
        || Optional.empty().equals(v)
        || Boolean.FALSE.equals(v)
        || Double.valueOf(0.0).equals(v)
        || Float.valueOf(0.0f).equals(v)
        || (v instanceof Number n
            && !(v instanceof Double)
            && !(v instanceof Float)
            && !(v instanceof BigDecimal)
            && n.longValue() == 0);
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') out.append(c);
      else out.append(String.format("\\u%04X", (int) c));
    }
    return out.toString();
  }
}
