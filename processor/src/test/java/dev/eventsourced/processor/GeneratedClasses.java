package dev.eventsourced.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Compiles records with the processor and loads the compiled records and generated classes, so that
 * tests can run generated code through the SPI.
 */
final class GeneratedClasses extends ClassLoader {

  private final Map<String, byte[]> classes = new HashMap<>();

  private GeneratedClasses(Compilation compilation) {
    super(GeneratedClasses.class.getClassLoader());
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) continue;
      // Names look like /CLASS_OUTPUT/test/Todo_Codec.class
      String path = file.toUri().getPath();
      String name =
          path.substring("/CLASS_OUTPUT/".length(), path.length() - ".class".length())
              .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static GeneratedClasses compile(JavaFileObject... sources) {
    Compilation compilation = Compilations.compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    return new GeneratedClasses(compilation);
  }

  /** The classes of a compilation that succeeded without warnings. */
  static GeneratedClasses of(Compilation compilation) {
    assertThat(compilation).succeededWithoutWarnings();
    return new GeneratedClasses(compilation);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) throw new ClassNotFoundException(name);
    return defineClass(name, bytes, 0, bytes.length);
  }

  Class<?> type(String name) {
    try {
      return loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** The value of a public static field. */
  @SuppressWarnings("unchecked")
  <T> T constant(String className, String field) {
    try {
      return (T) type(className).getField(field).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A new record of {@code recordClass} from its components, in order. */
  Object record(String recordClass, Object... components) {
    Constructor<?> canonical = type(recordClass).getDeclaredConstructors()[0];
    return newInstance(canonical, components);
  }

  /** A constant of the enum {@code enumClass}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Object enumConstant(String enumClass, String name) {
    return Enum.valueOf((Class) type(enumClass), name);
  }

  static Object newInstance(Constructor<?> constructor, Object... arguments) {
    try {
      constructor.setAccessible(true);
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Calls the public method {@code name} on {@code target}, the one with {@code arguments.length}
   * parameters.
   */
  static Object call(Object target, String name, Object... arguments) {
    for (var method : target.getClass().getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == arguments.length) {
        try {
          return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
          throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError(
        "no method " + name + "/" + arguments.length + " on " + target.getClass());
  }
}
