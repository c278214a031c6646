package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in a real browser against the started service: signing in, commands, the product and order views,
 * and the operations page. One browser serves the whole class; each test signs in afresh. Every test leaves a
 * screenshot of the page as it ended in target/screenshots/.
 */
class ConsoleBrowserTest extends EndToEndTest {

    private static HeadlessChromium chromium;

    @LocalServerPort
    private int port;

    private WebDriver browser;
    private WebDriverWait soon;

    @BeforeAll
    static void startBrowser() {
        HeadlessChromium.assumeInstalled();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void screenshotAndScriptErrors(TestInfo test) {
        chromium.screenshot("console-" + test.getTestMethod().orElseThrow().getName());
        assertThat(chromium.scriptErrors()).as("errors of the page's scripts").isEmpty();
    }

    @Test
    void a_user_of_every_role_signs_in_and_sees_every_view() {
        signIn(TestUsers.TESTER);

        assertThat(text("#signed-in-user")).isEqualTo(TestUsers.TESTER);
        assertThat(visibleTabs()).containsExactly("Products", "Orders", "Commands", "Operations");
        assertThat(browser.findElement(By.id("sign-out")).isDisplayed()).isTrue();
    }

    @Test
    void a_wrong_password_is_refused_on_the_page_and_sign_out_forgets_the_user() {
        openConsole();
        type("#sign-in-user", TestUsers.TESTER);
        type("#sign-in-password", "not-the-password");
        click("#sign-in-form button[type=submit]");

        soon.until(textToBe(By.id("sign-in-message"), "Wrong user name or password."));
        assertThat(visibleTabs()).isEmpty();

        signIn(TestUsers.TESTER);
        click("#sign-out");
        soon.until(textToBe(By.id("sign-in-message"), "You have signed out."));
        assertThat(displayed("#account")).isFalse();
        assertThat(sessionStorageSize()).as("nothing of the user is kept").isZero();
    }

    @Test
    void a_reader_sees_the_lookups_but_no_command_history_or_admin_controls() {
        AllocatedOrder allocated = anOrderOfTwoOnANewBatch();
        String sku = allocated.sku(), batch = allocated.batch(), order = allocated.order();

        signIn(TestUsers.READER_ONLY);
        assertThat(visibleTabs()).containsExactly("Products", "Orders");

        browser.get(console("#operations"));
        soon.until(visibilityOfElementLocated(By.id("product-lookup")));
        assertThat(displayed("#operations")).isFalse();
        assertThat(displayed("#commands")).isFalse();

        lookUpProduct(sku);
        assertThat(displayed("#as-of")).as("the as-of control is the auditor's").isFalse();

        lookUpOrder(order);
        soon.until(textToBePresentInElementLocated(By.cssSelector("#order-allocations tbody"), batch));
        assertThat(displayed("#order-timeline")).as("the timeline is the auditor's").isFalse();
    }

    @Test
    void an_auditor_sees_history_timelines_and_operations_but_no_commands() {
        AllocatedOrder allocated = anOrderOfTwoOnANewBatch();
        String sku = allocated.sku(), batch = allocated.batch(), order = allocated.order();

        signIn(TestUsers.AUDITOR_ONLY);
        assertThat(visibleTabs()).containsExactly("Products", "Orders", "Operations");

        lookUpProduct(sku);
        assertThat(text("#batches [data-ref='" + batch + "'] .figures")).contains("2 allocated");
        assertThat(displayed("#as-of")).isTrue();

        lookUpOrder(order);
        soon.until(textToBePresentInElementLocated(By.id("order-timeline"), "Allocated"));
        assertThat(displayed("#order-allocations")).as("the current allocation is the reader's").isFalse();
    }

    @Test
    void an_operator_adds_batches_allocates_and_changes_a_quantity_through_the_page_and_sees_the_timeline() {
        String sku = unique("sku"), warehouse = unique("batch"), shipment = unique("batch"), order = unique("order");
        signIn(TestUsers.TESTER);
        click("#tabs [data-view=commands]");

        addBatch(warehouse, sku, "10", null);
        addBatch(shipment, sku, "10", "2030-01-31");
        send("#allocate-form", "orderid", order, "sku", sku, "qty", "3");
        assertThat(result("#allocate-form")).contains("allocated to batch " + warehouse);
        send("#change-quantity-form", "batchref", warehouse, "qty", "0");
        assertThat(result("#change-quantity-form")).contains("Batch " + warehouse + " now holds 0");

        click("#allocate-form .form-result a");
        soon.until(textToBePresentInElementLocated(By.id("order-title"), order));
        soon.until(textToBePresentInElementLocated(By.cssSelector("#order-allocations tbody"), shipment));
        List<String> timeline = texts("#order-timeline .what");
        assertThat(timeline).containsExactly("Allocated", "Deallocated", "Reallocated");
        assertThat(texts("#order-timeline .user")).containsOnly("by " + TestUsers.TESTER);
        assertThat(texts("#order-timeline time")).allMatch(time -> !time.isBlank());
    }

    @Test
    void the_product_view_draws_each_batch_as_a_bar_and_the_as_of_control_goes_back_in_time() {
        String sku = unique("sku"), first = unique("batch"), second = unique("batch");
        api.addBatch(first, sku, 10, null);
        api.addBatch(second, sku, 20, "2030-01-31");
        api.allocate(unique("order"), sku, 4);

        signIn(TestUsers.TESTER);
        lookUpProduct(sku);
        soon.until(numberOfElementsToBe(By.cssSelector("#batches .batch"), 2));
        assertThat(barWidth(first, "allocated")).isPositive();
        assertThat(barWidth(second, "allocated")).isZero();
        assertThat(barWidth(second, "available")).isGreaterThan(barWidth(first, "available"));
        assertThat(text("#batches [data-ref='" + first + "'] .figures")).contains("10 purchased", "4 allocated",
                                                                                    "6 available");

        soon.until(visibilityOfElementLocated(By.id("as-of-slider"))).sendKeys(Keys.HOME);
        soon.until(numberOfElementsToBe(By.cssSelector("#batches .batch"), 1));
        assertThat(text("#product-state")).startsWith("as of");
        assertThat(text("#as-of-label")).contains("after event 1 of 3", "BatchCreated");
        assertThat(barWidth(first, "allocated")).isZero();

        click("#as-of-now");
        soon.until(numberOfElementsToBe(By.cssSelector("#batches .batch"), 2));
        soon.until(textToBe(By.id("product-state"), "now"));
    }

    @Test
    void a_rebuild_started_from_the_page_shows_its_progress_up_to_100_percent() {
        signIn(TestUsers.TESTER);
        click("#tabs [data-view=operations]");
        soon.until(visibilityOfElementLocated(By.cssSelector("#processors tr[data-processor='allocations-view']")));
        assertThat(texts("#processors tbody td:first-child")).contains(
                "allocations-view", "products-view", "order-timeline-view", "reallocation-policy");

        new Select(browser.findElement(By.id("rebuild-model"))).selectByVisibleText("order-timeline-view");
        click("#rebuild-start");

        within(60).until(attributeToBe(By.id("rebuild-status"), "data-state", "completed"));
        assertThat(text("#rebuild-status .progress-percent")).isEqualTo("100 %");
        assertThat(text("#rebuild-status .run-state")).startsWith("order-timeline-view: completed");
        assertThat(browser.findElement(By.cssSelector("#rebuild-status .progress-fill")).getDomAttribute("style"))
                .contains("width: 100%");
    }

    @Test
    void an_audit_started_from_the_page_lists_the_rows_of_a_damaged_read_model_in_its_report() {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 10, null);
        api.allocate(unique("order"), sku, 1);
        String table = "product_batches_view_" + activeGeneration("products-view");
        jdbc.sql("UPDATE " + table + " SET allocated = allocated + 7 WHERE sku = ?").param(sku).update();
        try {
            signIn(TestUsers.TESTER);
            click("#tabs [data-view=operations]");
            click("#audit-start");

            within(60).until(visibilityOfElementLocated(By.id("audit-report")));
            assertThat(text("#audit-status .progress-percent")).isEqualTo("100 %");
            assertThat(text("#audit-verdict")).isEqualTo("problems found");
            assertThat(text("#audit-summary")).contains("Hash chain", "verified");
            assertThat(texts("#audit-discrepancies tbody tr"))
                    .anySatisfy(row -> assertThat(row).startsWith("products-view " + sku));
        } finally {
            jdbc.sql("UPDATE " + table + " SET allocated = allocated - 7 WHERE sku = ?").param(sku).update();
        }
    }

    @Test
    void the_services_validation_messages_appear_next_to_the_field_at_fault() {
        String sku = unique("sku");
        signIn(TestUsers.TESTER);
        click("#tabs [data-view=commands]");

        send("#allocate-form", "orderid", unique("order"), "sku", sku, "qty", "0");
        soon.until(textToBePresentInElementLocated(By.cssSelector("#allocate-form [data-error-for=qty]"),
                                                   "must be greater than 0"));
        assertThat(browser.findElement(By.id("allocate-qty")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("#allocate-form [data-error-for=sku]")).isEmpty();

        type("#allocate-qty", "1");
        click("#allocate-form button[type=submit]");
        soon.until(textToBe(By.cssSelector("#allocate-form [data-error-for=sku]"), "Invalid sku " + sku));
        assertThat(text("#allocate-form [data-error-for=qty]")).isEmpty();

        send("#add-batch-form", "ref", "../etc", "sku", sku, "qty", "2.5");
        soon.until(textToBePresentInElementLocated(By.cssSelector("#add-batch-form [data-error-for=qty]"),
                                                   "wrong type"));
    }

    @Test
    void the_event_feed_on_the_operations_page_shows_new_events_as_they_happen() {
        signIn(TestUsers.TESTER);
        click("#tabs [data-view=operations]");
        soon.until(visibilityOfElementLocated(By.cssSelector("#processors tbody tr")));

        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 5, null);

        soon.until(textToBePresentInElementLocated(By.cssSelector("#feed tbody"), sku));
        assertThat(texts("#feed tbody tr").get(0)).contains("BatchCreated", sku, TestUsers.TESTER);
    }

    private String console(String fragment) {
        return "http://localhost:" + port + "/console/" + fragment;
    }

    private void openConsole() {
        if (browser == null) {
            browser = chromium.driver();
            soon = new WebDriverWait(browser, Duration.ofSeconds(10));
        }
        browser.get(console(""));
        // a fresh start: no user from an earlier test
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(console(""));
        soon.until(visibilityOfElementLocated(By.id("sign-in-form")));
    }

    private void signIn(String user) {
        openConsole();
        type("#sign-in-user", user);
        type("#sign-in-password", TestUsers.passwordOf(user));
        click("#sign-in-form button[type=submit]");
        soon.until(textToBe(By.id("signed-in-user"), user));
        soon.until(invisibilityOfElementLocated(By.id("sign-in")));
    }

    private void lookUpProduct(String sku) {
        click("#tabs [data-view=products]");
        type("#product-sku", sku);
        click("#product-lookup button");
        soon.until(textToBe(By.id("product-title"), sku));
    }

    private void lookUpOrder(String order) {
        click("#tabs [data-view=orders]");
        type("#order-id", order);
        click("#order-lookup button");
        soon.until(textToBePresentInElementLocated(By.id("order-title"), order));
    }

    private void addBatch(String ref, String sku, String qty, String eta) {
        WebElement form = browser.findElement(By.id("add-batch-form"));
        if (eta != null) {
            // a date input takes what is typed in the browser's locale; set its value as the page reads it
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                                                                             form.findElement(By.name("eta")), eta);
        }
        send("#add-batch-form", "ref", ref, "sku", sku, "qty", qty);
        assertThat(result("#add-batch-form")).isEqualTo("Batch " + ref + " added to " + sku + ".");
    }

    /** Fills a form's fields (name, value, ...) and submits it. */
    private void send(String form, String... fieldsAndValues) {
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            type(form + " [name=" + fieldsAndValues[i] + "]", fieldsAndValues[i + 1]);
        }
        String before = text(form + " .form-result");
        click(form + " button[type=submit]");
        soon.until(driver -> !text(form + " .form-result").equals(before) || !text(form + " .form-error").isEmpty()
                || texts(form + " .field-error").stream().anyMatch(error -> !error.isEmpty()));
    }

    private String result(String form) {
        return soon.until(driver -> {
            String result = text(form + " .form-result");
            return result.isEmpty() ? null : result;
        });
    }

    private void type(String selector, String value) {
        WebElement input = browser.findElement(By.cssSelector(selector));
        input.clear();
        input.sendKeys(value);
    }

    private void click(String selector) {
        soon.until(visibilityOfElementLocated(By.cssSelector(selector))).click();
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private List<String> texts(String selector) {
        return browser.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    private boolean displayed(String selector) {
        return browser.findElement(By.cssSelector(selector)).isDisplayed();
    }

    private List<String> visibleTabs() {
        return browser.findElements(By.cssSelector("#tabs a")).stream().filter(WebElement::isDisplayed)
                      .map(WebElement::getText).toList();
    }

    private int barWidth(String batch, String part) {
        return browser.findElement(By.cssSelector("#batches [data-ref='" + batch + "'] .bar-" + part)).getSize()
                      .getWidth();
    }

    private long sessionStorageSize() {
        return (Long) ((JavascriptExecutor) browser).executeScript("return sessionStorage.length");
    }

    private WebDriverWait within(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private String activeGeneration(String readModel) {
        for (JsonNode processor : api.get("/admin/processors").json()) {
            if (processor.path("name").asText().equals(readModel)) {
                return processor.path("activeGeneration").asText();
            }
        }
        throw new AssertionError("no processor " + readModel);
    }

    /** Two units of a new order on a new batch of ten of a new product, through the API. */
    private AllocatedOrder anOrderOfTwoOnANewBatch() {
        AllocatedOrder allocated = new AllocatedOrder(unique("sku"), unique("batch"), unique("order"));
        api.addBatch(allocated.batch(), allocated.sku(), 10, null);
        api.allocate(allocated.order(), allocated.sku(), 2);
        return allocated;
    }

    private record AllocatedOrder(String sku, String batch, String order) {
    }
}
