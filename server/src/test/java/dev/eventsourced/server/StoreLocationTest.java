package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The --store values. */
class StoreLocationTest {

  @Test
  void sqliteLocation_isAPath() {
    assertThat(StoreLocation.parse("sqlite:./data/events.db").sqliteFile())
        .isEqualTo(Path.of("./data/events.db"));
    assertThat(StoreLocation.parse("sqlite:///var/lib/events.db").sqliteFile())
        .isEqualTo(Path.of("/var/lib/events.db"));
  }

  @Test
  void postgresUri_becomesJdbcUrlWithCredentialsSchemaAndPoolSize() {
    PostgresOptions options =
        StoreLocation.parse(
                "postgresql://app:p%40ss@db.internal:6543/events?schema=sync&poolSize=4&sslmode=require")
            .postgres();

    assertThat(options.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:6543/events?sslmode=require");
    assertThat(options.user()).isEqualTo("app");
    assertThat(options.password()).isEqualTo("p@ss");
    assertThat(options.schema()).isEqualTo("sync");
    assertThat(options.maxPoolSize()).isEqualTo(4);
    assertThat(options.toString()).doesNotContain("p@ss");
  }

  @Test
  void postgresUriWithoutPortOrUser_usesDefaults() {
    PostgresOptions options = StoreLocation.parse("postgres://localhost/events").postgres();

    assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/events");
    assertThat(options.user()).isNull();
    assertThat(options.schema()).isEqualTo("public");
    assertThat(options.maxPoolSize()).isEqualTo(10);
  }

  @Test
  void jdbcUrl_keepsDriverParametersAndTakesOurs() {
    PostgresOptions options =
        StoreLocation.parse("jdbc:postgresql://h:5432/db?user=u&schema=s1").postgres();

    assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u");
    assertThat(options.schema()).isEqualTo("s1");
  }

  @Test
  void unsupportedLocation_namesTheFormsThatWork() {
    assertThatThrownBy(() -> StoreLocation.parse("mysql://u:secret@h/db"))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("use sqlite:PATH")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> StoreLocation.parse("sqlite:"))
        .hasMessageContaining("has no file path");
    assertThatThrownBy(() -> StoreLocation.parse("postgresql://h:5432/"))
        .hasMessageContaining("names no database");
  }

  @Test
  void badSchemaOrPoolSize_isRefused() {
    assertThatThrownBy(() -> StoreLocation.parse("postgresql://h/db?schema=x;drop"))
        .isInstanceOf(ServerConfigException.class)
        .hasMessageContaining("schema name 'x;drop' is not allowed");
    assertThatThrownBy(() -> StoreLocation.parse("postgresql://h/db?poolSize=many"))
        .hasMessageContaining("poolSize in store location");
    assertThatThrownBy(() -> StoreLocation.parse("postgresql://h/db?poolSize=1"))
        .hasMessageContaining("pool size must be at least 2");
  }

  @Test
  void unreachablePostgres_failsWithAnEventStoreExceptionNamingIt() {
    assertThatThrownBy(() -> EventStore.open("postgresql://postgres@127.0.0.1:1/nothing"))
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining("127.0.0.1:1/nothing");
  }
}
