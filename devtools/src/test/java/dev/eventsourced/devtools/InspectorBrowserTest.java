package dev.eventsourced.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inspector as a person uses it: headless Chromium against a real SQLite file while a writer
 * thread commits. Each view is checked for the right rows and photographed into {@code
 * target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectorBrowserTest {

  private static final String HOSTILE =
      "<script>window.xss=1</script><img src=x onerror=\"window.xss=2\">";

  private Path dir;
  private final TestBackend backend = new TestBackend();
  private EventSourcedDb db;
  private CardRepository cards;
  private InspectorServer inspector;
  private WebDriver browser;
  private Thread writer;
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private final AtomicInteger written = new AtomicInteger();
  private LiveQuery<Card> openCards;
  private Subscription subscription;

  @BeforeAll
  void start(@TempDir Path dir) {
    this.dir = dir;
    browser = Browser.start();
    db =
        EventSourcedDb.builder()
            .path(dir.resolve("app.sqlite"))
            .collections(CardRepository.COLLECTION, TagRepository.COLLECTION)
            .sync(backend)
            .syncInterval(Duration.ofMillis(500))
            .syncBackoff(Duration.ofMillis(100), Duration.ofMillis(300))
            .open();
    cards = CardRepository.of(db);
    cards.insert(new Card("c-milk", "Buy milk", 2, false));
    cards.insert(new Card("c-oat", "Buy oat milk", 5, false));
    cards.insert(new Card("c-call", "Call the dentist", 1, true));
    cards.update("c-milk", d -> d.priority(3));
    cards.insert(new Card("c-hostile", HOSTILE, 0, false));
    TagRepository tags = TagRepository.of(db);
    tags.insert(new Tag(1, "home"));
    tags.insert(new Tag(2, "work"));
    tags.insert(new Tag(3, "errands"));
    cards.insert(new Card("c-bad", "INVALID note the server refuses", 1, false));
    assertThat(db.awaitSynced(Duration.ofSeconds(10))).isTrue();
    openCards = cards.query().where(Card_.DONE.isFalse()).live();
    subscription = openCards.subscribe(update -> {});
    inspector = Inspector.of(db).start();
    writer =
        new Thread(
            () -> {
              while (writing.get()) {
                int n = written.incrementAndGet();
                cards.insert(
                    new Card(
                        String.format("w-%04d", n),
                        "written while watching #" + n,
                        n % 5,
                        n % 3 == 0));
                try {
                  Thread.sleep(150);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "writer");
    writer.start();
  }

  @AfterAll
  void stop() throws InterruptedException {
    writing.set(false);
    if (writer != null) writer.join(5000);
    if (browser != null) browser.quit();
    if (inspector != null) inspector.close();
    if (subscription != null) subscription.close();
    if (openCards != null) openCards.close();
    if (db != null) db.close();
  }

  private void open(String path) {
    browser.get("http://127.0.0.1:" + inspector.port() + path);
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(10));
  }

  /**
   * The texts of one column of a table, read in one script run: live updates replace the table
   * while the writer commits, so element references would go stale between reads.
   */
  @SuppressWarnings("unchecked")
  private List<String> column(String table, int index) {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))"
                    + ".map(r => r.children[arguments[1]].innerText.trim())",
                table,
                index);
  }

  @SuppressWarnings("unchecked")
  private List<String> headers(String table) {
    List<String> texts =
        (List<String>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return Array.from(document.querySelectorAll('#' + arguments[0] + ' thead th'))"
                        + ".map(th => th.innerText.trim())",
                    table);
    return texts.stream()
        .map(t -> t.replaceAll("[\u25b2\u25bc]", "").trim())
        .collect(Collectors.toList());
  }

  private String text(String id) {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript(
                "var e = document.getElementById(arguments[0]); return e ? e.innerText : null", id);
  }

  /** Clicks what {@code by} finds, again if a live update replaced it meanwhile. */
  private void click(By by) {
    waiting()
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(by).click();
              return true;
            });
  }

  @Test
  @Order(1)
  void overview_listsTheCollectionsWithTheirRows() {
    open("/");
    assertThat(browser.getTitle()).startsWith("Overview");
    assertThat(column("collections", 0)).containsExactly("cards", "tags");
    assertThat(column("collections", 3).get(1)).isEqualTo("3");
    assertThat(browser.findElement(By.cssSelector(".mode")).getText()).contains("read-only");
    Browser.screenshot(browser, "overview");
  }

  @Test
  @Order(2)
  void collection_showsRowsWithSyncedAndOrigin_andFiltersAndSorts() {
    open("/collections/cards");
    assertThat(headers("rows"))
        .containsExactly("id", "title", "priority", "done", "SYNCED", "ORIGIN");
    browser.findElement(By.name("q")).sendKeys("milk");
    browser.findElement(By.cssSelector("form.filters button")).click();
    waiting().until(d -> d.getCurrentUrl().contains("q=milk"));
    assertThat(column("rows", 0)).containsExactly("c-milk", "c-oat");
    assertThat(column("rows", 4)).containsOnly("true");
    assertThat(column("rows", 5)).containsOnly("local");

    click(By.linkText("priority"));
    waiting().until(d -> d.getCurrentUrl().contains("sort=priority"));
    assertThat(column("rows", 2)).containsExactly("3", "5");
    click(By.partialLinkText("priority"));
    waiting().until(d -> d.getCurrentUrl().contains("dir=desc"));
    assertThat(column("rows", 0)).containsExactly("c-oat", "c-milk");

    open("/collections/cards?origin=local&synced=no");
    assertThat(
            new Select(browser.findElement(By.name("synced"))).getFirstSelectedOption().getText())
        .isEqualTo("no");
    assertThat(column("rows", 4)).doesNotContain("true");
    open("/collections/cards?synced=yes&size=500");
    assertThat(column("rows", 4)).containsOnly("true");
    assertThat(column("rows", 0)).contains("c-milk").doesNotContain("c-bad"); // rejected: undone
    open("/collections/cards");
    Browser.screenshot(browser, "collection");
  }

  @Test
  @Order(3)
  void hostileValues_areShownAsText_andNeverRun() {
    open("/collections/cards?q=window.xss");
    assertThat(column("rows", 1)).containsExactly(HOSTILE);
    open("/history?collection=cards&key=c-hostile");
    assertThat(text("history")).contains(HOSTILE);
    assertThat(((JavascriptExecutor) browser).executeScript("return window.xss === undefined"))
        .isEqualTo(true);
  }

  @Test
  @Order(4)
  void eventLog_updatesLiveWithoutReload_andFilters() {
    open("/events");
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("window.sameDocument = 'yes'");
    waiting().until(d -> d.findElement(By.id("live-status")).getText().equals("live"));
    long first = Long.parseLong(column("events", 0).get(0));
    waiting().until(d -> Long.parseLong(column("events", 0).get(0)) >= first + 3);
    assertThat(js.executeScript("return window.sameDocument")).isEqualTo("yes");
    Browser.screenshot(browser, "events");

    new Select(browser.findElement(By.name("collection"))).selectByValue("tags");
    new Select(browser.findElement(By.name("type"))).selectByValue("insert");
    browser.findElement(By.cssSelector("form.filters button")).click();
    waiting().until(d -> d.getCurrentUrl().contains("collection=tags"));
    assertThat(column("events", 2)).containsOnly("tags").hasSize(3);
    assertThat(column("events", 3)).containsExactly("3", "2", "1");

    open("/events?collection=cards&key=c-milk");
    assertThat(column("events", 4)).containsExactly("update", "insert");
    open("/events?status=rejected");
    assertThat(column("events", 3)).containsExactly("c-bad");
    assertThat(column("events", 9))
        .singleElement()
        .asString()
        .contains("titles must not say INVALID");
  }

  @Test
  @Order(5)
  void rowHistory_showsEveryEventAndTheRowAfterEach() {
    open("/collections/cards?q=milk");
    click(By.linkText("c-milk"));
    waiting().until(d -> d.getCurrentUrl().contains("/history"));
    assertThat(column("history", 3)).containsExactly("insert", "update");
    List<String> after = column("history", 7);
    assertThat(after.get(0)).contains("priority\n2").contains("Buy milk");
    assertThat(after.get(1)).contains("priority\n3");
    Browser.screenshot(browser, "history");
  }

  @Test
  @Order(6)
  void outbox_showsPendingEvents_andRejectedOnesWithTheirReason() {
    backend.offline(true);
    try {
      cards.insert(new Card("c-offline", "written while the server is away", 1, false));
      open("/outbox");
      waiting().until(d -> column("outbox", 3).contains("c-offline"));
      assertThat(column("rejected", 3)).containsExactly("c-bad");
      assertThat(column("rejected", 9).get(0)).contains("titles must not say INVALID");
      assertThat(browser.findElements(By.id("retry-all"))).isEmpty(); // read-only by default
      Browser.screenshot(browser, "outbox");
    } finally {
      backend.offline(false);
    }
    waiting().until(d -> column("outbox", 3).stream().noneMatch("c-offline"::equals));
  }

  @Test
  @Order(7)
  void liveQueries_showSubscribersAndLastUpdate() {
    open("/live");
    assertThat(column("live-queries", 1)).containsExactly("cards");
    assertThat(column("live-queries", 2)).containsExactly("1");
    String lastUpdate = column("live-queries", 4).get(0);
    assertThat(lastUpdate).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    waiting().until(d -> !column("live-queries", 4).get(0).equals(lastUpdate)); // the writer's rows
    Browser.screenshot(browser, "live");
  }

  @Test
  @Order(8)
  void sync_showsStatusAndRecentRounds() {
    open("/sync");
    assertThat(text("sync-state")).contains("Status", "Cursor").containsPattern("Rejected\\s+1");
    assertThat(column("rounds", 2)).isNotEmpty().contains("automatic");
    Browser.screenshot(browser, "sync");
  }

  @Test
  @Order(9)
  void verify_namesTheKeysThatDiffer_afterTheFileIsTamperedWith() throws Exception {
    open("/verify");
    browser.findElement(By.id("run-verify")).click();
    assertThat(waiting().until(d -> d.findElement(By.id("verify-result"))).getText())
        .startsWith("Healthy");
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.sqlite"));
        Statement statement = raw.createStatement()) {
      statement.execute("PRAGMA busy_timeout=5000");
      statement.executeUpdate(
          "UPDATE \"cards\" SET \"title\" = 'tampered' WHERE \"id\" = 'c-call'");
    }
    browser.findElement(By.id("run-verify")).click();
    waiting().until(d -> d.findElement(By.id("verify-result")).getText().contains("differ"));
    assertThat(column("differences", 1)).containsExactly("c-call");
    assertThat(column("differences", 2).get(0)).contains("values differ");
    Browser.screenshot(browser, "verify");
  }

  @Test
  @Order(10)
  void actions_whenEnabled_retryRejectedAndRebuildACollection() {
    try (InspectorServer withActions = Inspector.of(db).allowActions(true).start()) {
      String base = "http://127.0.0.1:" + withActions.port();
      backend.rejecting(false);
      browser.get(base + "/outbox");
      assertThat(browser.findElement(By.cssSelector(".mode")).getText())
          .contains("actions enabled");
      click(By.id("retry-all"));
      assertThat(waiting().until(d -> d.findElement(By.id("notice"))).getText())
          .isEqualTo("1 rejected event is back in the outbox");
      waiting()
          .until(
              d ->
                  db.eventLog().all().stream()
                      .filter(e -> e.key().equals("c-bad"))
                      .allMatch(e -> e.syncStatus() == SyncStatus.SYNCED));

      browser.get(base + "/collections/cards");
      browser.findElement(By.id("rebuild")).click();
      assertThat(waiting().until(d -> d.findElement(By.id("notice"))).getText())
          .startsWith("rebuilt cards:");
      browser.get(base + "/verify?run=1");
      assertThat(browser.findElement(By.id("verify-result")).getText()).startsWith("Healthy");
    }
  }

  @Test
  @Order(11)
  void token_isRequired_andTheAddressItPrintedOpensThePages() {
    try (InspectorServer guarded = Inspector.of(db).token("a-token-long-enough-1234").start()) {
      String base = "http://127.0.0.1:" + guarded.port();
      browser.get(base + "/events");
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Token required");
      browser.get(guarded.uri().toString());
      assertThat(browser.getCurrentUrl()).doesNotContain("token");
      assertThat(browser.getTitle()).startsWith("Overview");
      browser.get(base + "/events");
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Event log");
    }
  }

  @Test
  @Order(12)
  void screenshots_areWritten() {
    for (String view :
        List.of(
            "overview", "collection", "events", "history", "outbox", "live", "sync", "verify")) {
      assertThat(Browser.SCREENSHOTS.resolve(view + ".png")).isNotEmptyFile();
    }
    assertThat(Files.exists(Path.of(System.getProperty("user.home"), ".cache", "selenium")))
        .as("Selenium Manager never ran")
        .isFalse();
  }
}
