package org.nmt4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The server's page in a real headless browser (Debian's chromium and chromium-driver, which .ci/run installs): it
 * loads, translates a sentence, and draws its heatmap with one row per target token and the hard links marked.
 */
class ServePageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void thePageTranslatesASentenceAndDrawsItsAttention() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "skipped: chromium and chromium-driver are not installed (apt-get install chromium chromium-driver;"
                        + " .ci/run installs them)");
        String sentence = "Der Mann liest das Buch.";
        try (TranslationServer server = TranslationServer.start(TranslationServerTest.config())) {
            JsonNode expected = Http.post(server.uri(), "translate", "{\"src\": [\"" + sentence + "\"], "
                    + "\"options\": {\"beam_size\": 2, \"alignment\": \"soft\", \"word_scores\": true}}").json()
                    .get("tgt").get(0).get(0);
            ChromeDriver browser = browser();
            try {
                browser.get(server.uri().toString());
                assertEquals("nmt4j — translate and see the attention", browser.getTitle());
                waitFor(() -> !browser.findElements(By.cssSelector("#model option")).isEmpty(), "the model list");
                browser.findElement(By.id("source")).sendKeys(sentence);
                browser.findElement(By.cssSelector("#beam option[value='2']")).click();
                browser.findElement(By.id("translate")).click();
                waitFor(() -> !browser.findElements(By.cssSelector(".result")).isEmpty()
                        || !browser.findElement(By.id("error")).getText().isEmpty(), "a translation");
                assertEquals("", browser.findElement(By.id("error")).getText());
                String shown = browser.findElement(By.cssSelector(".result .translation")).getText();
                assertTrue(shown.startsWith(expected.get("text").asText()), shown);
                // the words under the translation, each tinted by its doubt, with its probability on hover
                List<WebElement> words = browser.findElements(By.cssSelector(".result .words span"));
                List<JsonNode> scores = new java.util.ArrayList<>();
                expected.get("word_scores").forEach(w -> {
                    if (!w.get("word").asText().equals("</s>")) {
                        scores.add(w);
                    }
                });
                assertEquals(scores.size(), words.size(), "one tinted word per word, </s> left out");
                for (int w = 0; w < words.size(); w++) {
                    double p = scores.get(w).get("confidence").asDouble();
                    assertEquals(scores.get(w).get("word").asText(), words.get(w).getText());
                    assertEquals(p >= 0.9 ? "sure" : "unsure", words.get(w).getAttribute("class"));
                    assertTrue(words.get(w).getAttribute("title").startsWith(String.format(java.util.Locale.ROOT,
                            "p = %.3f", p)), words.get(w).getAttribute("title"));
                }
                List<WebElement> rows = browser.findElements(By.cssSelector(".result table.heatmap tbody tr"));
                assertEquals(expected.get("target_tokens").size(), rows.size(), "one row per target token");
                for (int t = 0; t < rows.size(); t++) {
                    assertEquals(expected.get("target_tokens").get(t).asText(),
                            rows.get(t).findElement(By.tagName("th")).getText());
                    assertEquals(expected.get("source_tokens").size(), rows.get(t).findElements(By.tagName("td"))
                            .size(), "one cell per source token");
                }
                assertEquals(expected.get("align").size(),
                        browser.findElements(By.cssSelector(".result td.link")).size(), "the hard links marked");
                WebElement cell = rows.get(0).findElements(By.tagName("td")).get(0);
                String tip = cell.getAttribute("data-tip");
                assertTrue(tip.startsWith(expected.get("target_tokens").get(0).asText() + " ← "
                        + expected.get("source_tokens").get(0).asText() + ": "), tip);
                new org.openqa.selenium.interactions.Actions(browser).moveToElement(cell).perform();
                waitFor(() -> browser.findElement(By.id("tooltip")).isDisplayed(), "the tooltip on hover");
                assertEquals(tip, browser.findElement(By.id("tooltip")).getText());
                // the CSV download goes through the server's exporter
                Object csv = ((JavascriptExecutor) browser).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "const t = {source_tokens: ['a'], target_tokens: ['b'], attention: [[1]]};"
                                + "fetch('alignment/csv', {method: 'POST', headers: {'Content-Type': "
                                + "'application/json'}, body: JSON.stringify(t)})"
                                + ".then(r => r.text()).then(done);");
                assertTrue(csv.toString().startsWith("sentence,target_index"), csv.toString());
                Path shot = Path.of("target", "serve-page.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    /** With API keys, the page asks for one on its first 401, keeps it in the tab's session storage and sends it. */
    @Test
    void withApiKeysThePageAsksForAKeyOnceAndTranslates() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "skipped: no chromium");
        Path keys = Files.createTempFile("keys", ".txt");
        String key = "browser-key-0123456789";
        Files.writeString(keys, key + "\n");
        try (TranslationServer server = TranslationServer.start(TranslationServerTest.config("api_keys=\"" + keys
                + "\""))) {
            ChromeDriver browser = browser();
            try {
                browser.get(server.uri().toString());
                waitFor(() -> alertPresent(browser), "the page to ask for a key");
                org.openqa.selenium.Alert ask = browser.switchTo().alert();
                assertTrue(ask.getText().contains("API key"), ask.getText());
                ask.sendKeys(key);
                ask.accept();
                waitFor(() -> !browser.findElements(By.cssSelector("#model option")).isEmpty(), "the model list");
                assertEquals(key, ((JavascriptExecutor) browser).executeScript(
                        "return sessionStorage.getItem('nmt4j-api-key');"));
                browser.findElement(By.id("source")).sendKeys("Der Hund");
                browser.findElement(By.id("translate")).click();
                waitFor(() -> !browser.findElements(By.cssSelector(".result")).isEmpty()
                        || !browser.findElement(By.id("error")).getText().isEmpty(), "a translation");
                assertEquals("", browser.findElement(By.id("error")).getText());
                assertFalse(alertPresent(browser), "asked once");
            } finally {
                browser.quit();
            }
        }
    }

    private static boolean alertPresent(ChromeDriver browser) {
        try {
            browser.switchTo().alert();
            return true;
        } catch (org.openqa.selenium.NoAlertPresentException e) {
            return false;
        }
    }

    private static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).build();
        return new ChromeDriver(service, options);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(50);
        }
    }
}
