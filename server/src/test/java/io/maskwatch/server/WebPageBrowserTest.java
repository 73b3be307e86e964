package io.maskwatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Detection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in headless Chromium against the real server and pipeline: upload real photos (one or several, or a
 * sample), see the boxes and the face table, re-label with the threshold slider, zoom, hover, download, the API page.
 */
class WebPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * {@code -Dmaskwatch.updateDocs=true} also writes the screenshot to docs/web-page.png; without it a test run
     * writes only target/web-page.png, so that running the tests leaves the checkout unchanged.
     */
    static final String UPDATE_DOCS = "maskwatch.updateDocs";

    private static MaskwatchServer server;
    private static ChromeDriver driver;
    private static Path downloads;

    @BeforeAll
    static void start(@TempDir Path profile, @TempDir Path downloadDir) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium not installed (apt-get install chromium chromium-driver)");
        server = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline(),
                List.of(Fixtures.GROUP_PHOTO, Fixtures.PHOTOS.resolve("3.jpg")));
        downloads = downloadDir;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1200,1400");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
    }

    private static WebDriverWait waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private static JavascriptExecutor js() {
        return driver;
    }

    /** Opens the page afresh and waits until it says the server is ready. */
    private static void openPage(MaskwatchServer s) {
        driver.get(s.uri().toString());
        assertEquals("maskwatch", driver.getTitle());
        waitFor(20).until(d -> d.findElement(By.id("status")).getText().startsWith("Ready"));
    }

    private static List<WebElement> results(int n) {
        waitFor(90).until(d -> d.findElements(By.cssSelector("#results .result")).size() >= n);
        return driver.findElements(By.cssSelector("#results .result"));
    }

    private static long detectRequests() {
        return ((Number) js().executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.indexOf('api/v1/detect') >= 0).length;")).longValue();
    }

    private static void slide(double t) {
        js().executeScript("var s = document.getElementById('threshold'); s.value = arguments[0];"
                + "s.dispatchEvent(new Event('input'));", t);
    }

    @Test
    void uploadAPhotoAndSeeTheBoxesAndTheFaceTable() throws Exception {
        Path photo = Fixtures.GROUP_PHOTO;
        Detection direct = Fixtures.pipeline().detect(photo.getFileName().toString(), ImageLoader.read(photo));
        openPage(server);
        driver.findElement(By.id("file")).sendKeys(photo.toAbsolutePath().toString());
        WebElement result = results(1).get(0);
        WebElement img = result.findElement(By.cssSelector("img.photo"));
        waitFor(20).until(d -> ((Number) js().executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0;", img)).intValue() > 0);
        assertEquals(direct.width(), ((Number) js().executeScript("return arguments[0].naturalWidth;", img)).intValue());
        assertEquals(direct.height(), ((Number) js().executeScript("return arguments[0].naturalHeight;", img)).intValue());

        List<WebElement> rows = result.findElements(By.cssSelector("tbody tr"));
        List<WebElement> boxes = result.findElements(By.cssSelector(".box"));
        assertEquals(direct.faces().size(), rows.size(), "one table row per face");
        assertEquals(direct.faces().size(), boxes.size(), "one box per face");
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertEquals(String.valueOf(i + 1), cells.get(0).getText());
            assertEquals(direct.faces().get(i).label().json(), cells.get(1).getText());
            assertEquals(direct.faces().get(i).maskProbability(), Double.parseDouble(cells.get(2).getText()), 6e-4);
            assertEquals(direct.faces().get(i).label().json().equals("unmasked"),
                    boxes.get(i).getAttribute("class").contains("unmasked"));
        }
        // The box lies over its face: its left edge at x1 of the displayed photo.
        double shown = ((Number) js().executeScript("return arguments[0].getBoundingClientRect().width;", img)).doubleValue();
        double left = ((Number) js().executeScript("return arguments[0].getBoundingClientRect().left"
                + " - arguments[1].getBoundingClientRect().left;", boxes.get(0), img)).doubleValue();
        assertEquals(direct.faces().get(0).box().x1() * shown / direct.width(), left, 2.5);

        // Labels shown on the photo never cover each other or another face (the others show on hover).
        @SuppressWarnings("unchecked")
        List<Boolean> clashes = (List<Boolean>) js().executeScript("""
                var r = arguments[0];
                var tags = Array.from(r.querySelectorAll('.box:not(.notag) .tag')).map(t => t.getBoundingClientRect());
                var faces = Array.from(r.querySelectorAll('.box')).map(b => b.getBoundingClientRect());
                var hit = (a, b) => a.left < b.right - 0.5 && a.right > b.left + 0.5 && a.top < b.bottom - 0.5 && a.bottom > b.top + 0.5;
                var out = [];
                tags.forEach((a, i) => tags.forEach((b, j) => { if (i < j) out.push(hit(a, b)); }));
                tags.forEach(a => out.push(faces.filter(f => hit(a, f)).length > 1));
                out.push(tags.length === 0);
                return out;""", result);
        assertTrue(clashes.stream().noneMatch(Boolean::booleanValue), "labels overlap or none shown: " + clashes);

        String summary = result.findElement(By.className("summary")).getText();
        assertTrue(summary.startsWith(direct.faces().size() + " faces in 38.jpg"), summary);
        assertTrue(summary.contains(direct.unmaskedCount() + " without a mask"), summary);
        assertTrue(driver.findElement(By.id("status")).getText().startsWith("Done in"));

        // The picture of the page in docs/server.md, made here: in server/target for reviewers, in docs when asked.
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "web-page.png"), png);
        if (Boolean.getBoolean(UPDATE_DOCS)) {
            Files.write(Path.of("..", "docs", "web-page.png"), png);
        }
        assertOffline();
    }

    /** Every resource the page loaded came from this server. */
    private static void assertOffline() {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) js().executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        for (String u : urls) {
            assertTrue(u.startsWith(server.uri().toString()) || u.startsWith("data:") || u.startsWith("blob:"),
                    "external resource " + u);
        }
    }

    @Test
    void theThresholdSliderRelabelsWithoutSendingThePhotoAgain() throws Exception {
        openPage(server);
        driver.findElement(By.id("file")).sendKeys(Fixtures.GROUP_PHOTO.toString());
        WebElement result = results(1).get(0);
        long sent = detectRequests();
        int faces = result.findElements(By.cssSelector("tbody tr")).size();
        assertTrue(faces >= 3);
        slide(0);
        for (WebElement row : result.findElements(By.cssSelector("tbody tr"))) {
            assertEquals("masked", row.findElements(By.tagName("td")).get(1).getText());
        }
        assertTrue(result.findElement(By.className("summary")).getText().endsWith(": 0 without a mask"));
        slide(1);
        int unmasked = 0;
        int incorrect = 0;
        List<WebElement> rows = result.findElements(By.cssSelector("tbody tr"));
        List<WebElement> boxes = result.findElements(By.cssSelector(".box"));
        for (int i = 0; i < boxes.size(); i++) {
            String c = boxes.get(i).getAttribute("class");
            unmasked += c.contains("unmasked") ? 1 : 0;
            incorrect += c.contains("incorrect") ? 1 : 0;
            if (!c.contains("unmasked") && !c.contains("incorrect")) { // still masked at 1: P(masked) is 1
                assertEquals("1.000", rows.get(i).findElements(By.tagName("td")).get(2).getText(), c);
            }
        }
        assertTrue(unmasked + incorrect >= 1, "faces not masked at threshold 1: " + (unmasked + incorrect));
        String summary = result.findElement(By.className("summary")).getText();
        assertTrue(summary.contains(": " + unmasked + " without a mask"), summary);
        assertEquals(incorrect > 0, summary.endsWith(", " + incorrect + " with a mask worn incorrectly"), summary);
        assertEquals("1.00", driver.findElement(By.id("threshold-value")).getText());
        assertEquals(sent, detectRequests(), "no new request for a new threshold");
        driver.findElement(By.id("threshold-reset")).click();
        assertEquals(Fixtures.pipeline().classifier().defaultThreshold(),
                Double.parseDouble(driver.findElement(By.id("threshold")).getAttribute("value")), 1e-6);
    }

    @Test
    void hoveringARowHighlightsItsBoxAndTheOtherWayRound() {
        openPage(server);
        driver.findElement(By.id("file")).sendKeys(Fixtures.GROUP_PHOTO.toString());
        WebElement result = results(1).get(0);
        List<WebElement> rows = result.findElements(By.cssSelector("tbody tr"));
        List<WebElement> boxes = result.findElements(By.cssSelector(".box"));
        new Actions(driver).moveToElement(rows.get(2)).perform();
        assertTrue(boxes.get(2).getAttribute("class").contains("hl"));
        assertEquals(1, result.findElements(By.cssSelector(".box.hl")).size());
        new Actions(driver).moveToElement(boxes.get(0)).perform();
        assertTrue(rows.get(0).getAttribute("class").contains("hl"));
        assertTrue(!boxes.get(2).getAttribute("class").contains("hl"));
    }

    @Test
    void aSmallPhotoIsScaledToFitAndCanBeZoomed() {
        openPage(server);
        driver.findElement(By.id("file")).sendKeys(Fixtures.GROUP_PHOTO.toString()); // 500 px wide
        WebElement result = results(1).get(0);
        WebElement stage = result.findElement(By.className("stage"));
        WebElement viewer = result.findElement(By.className("viewer"));
        waitFor(10).until(d -> stage.getSize().getWidth() > 500);
        assertEquals(viewer.getSize().getWidth(), stage.getSize().getWidth(), 4, "fit: as wide as the page");
        result.findElement(By.cssSelector("[data-zoom='1']")).click();
        assertEquals(500, stage.getSize().getWidth(), 1);
        result.findElement(By.cssSelector("[data-zoom='in']")).click();
        assertEquals(750, stage.getSize().getWidth(), 1);
        result.findElement(By.cssSelector("[data-zoom='fit']")).click();
        assertEquals(viewer.getSize().getWidth(), stage.getSize().getWidth(), 4);
    }

    @Test
    void severalPhotosAtOnceGiveOneResultEach() {
        openPage(server);
        driver.findElement(By.id("file")).sendKeys(Fixtures.PHOTOS.resolve("3.jpg") + "\n" + Fixtures.PHOTOS.resolve("249.jpg"));
        List<WebElement> all = results(2);
        assertEquals(2, all.size());
        assertTrue(all.get(0).findElement(By.className("summary")).getText().startsWith("1 face in 3.jpg"));
        assertTrue(all.get(1).findElement(By.className("summary")).getText().startsWith("1 face in 249.jpg"));
    }

    @Test
    void aSampleIsTriedWithOneClick() {
        openPage(server);
        List<WebElement> samples = driver.findElements(By.cssSelector("#samples button.sample"));
        assertEquals(List.of("38.jpg", "3.jpg"), samples.stream().map(WebElement::getText).toList());
        samples.get(1).click();
        WebElement result = results(1).get(0);
        assertTrue(result.findElement(By.className("summary")).getText().startsWith("1 face in 3.jpg"));
    }

    @Test
    void theAnnotatedImageAndTheJsonCanBeDownloaded() throws Exception {
        openPage(server);
        driver.findElement(By.id("file")).sendKeys(Fixtures.GROUP_PHOTO.toString());
        WebElement result = results(1).get(0);
        int faces = result.findElements(By.cssSelector("tbody tr")).size();
        slide(1); // the downloads follow the threshold shown
        result.findElement(By.className("download-json")).click();
        result.findElement(By.className("download-image")).click();
        Path json = downloads.resolve("38.json");
        Path png = downloads.resolve("38-annotated.png");
        waitFor(60).until(d -> Files.isRegularFile(json) && Files.isRegularFile(png));
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(faces, j.get("faces").size());
        assertEquals(1.0, j.get("threshold").asDouble());
        for (com.fasterxml.jackson.databind.JsonNode f : j.get("faces")) {
            String label = f.get("label").asText();
            double inc = f.get("mask_state").get("incorrect").asDouble();
            double unm = f.get("mask_state").get("unmasked").asDouble();
            if (label.equals("masked")) { // only P(masked) = 1 stays masked at threshold 1
                assertEquals(1.0, f.get("mask_probability").asDouble(), 1e-6, f.toString());
            } else if (Math.abs(inc - unm) > 1e-3) { // the JSON rounds: near-ties cannot be judged from it
                assertEquals(inc > unm ? "incorrect" : "unmasked", label, f.toString());
            }
        }
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(500, image.getWidth());
        assertEquals(333, image.getHeight());
    }

    @Test
    void theApiPageAtDocsWorksOffline() {
        driver.get(server.uri().resolve("docs").toString());
        waitFor(30).until(d -> !d.findElements(By.cssSelector(".swagger-ui .info .title")).isEmpty());
        assertTrue(driver.findElement(By.cssSelector(".swagger-ui .info .title")).getText().startsWith("maskwatch"));
        waitFor(10).until(d -> d.findElements(By.cssSelector(".opblock-summary-path")).stream()
                .anyMatch(e -> e.getText().replace("\u200b", "").equals("/api/v1/detect")));
        assertOffline();
    }

    @Test
    void withAnApiKeyThePageAsksForItAndSendsIt() throws Exception {
        try (MaskwatchServer keyed = MaskwatchServer.start(Fixtures.config().withApiKey("page-key-42"),
                Fixtures.pipeline())) {
            openPage(keyed);
            WebElement key = driver.findElement(By.id("apikey"));
            assertTrue(key.isDisplayed(), "key field shown when the server needs one");
            Path photo = Fixtures.PHOTOS.resolve("3.jpg");
            driver.findElement(By.id("file")).sendKeys(photo.toString());
            WebElement error = driver.findElement(By.id("error"));
            waitFor(30).until(d -> error.isDisplayed());
            assertTrue(error.getText().contains("API key required"), error.getText());

            key.sendKeys("page-key-42");
            driver.findElement(By.id("file")).sendKeys(photo.toString());
            WebElement result = results(1).get(0);
            assertTrue(!error.isDisplayed(), "error cleared");
            assertTrue(result.findElement(By.className("summary")).getText().contains("in 3.jpg"));
        }
    }

    @Test
    void aFileThatIsNotAnImageShowsTheServersErrorWithItsOwnName(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notimage.jpg"), "not a photo", StandardCharsets.UTF_8);
        openPage(server);
        driver.findElement(By.id("file")).sendKeys(notes.toString());
        WebElement error = driver.findElement(By.id("error"));
        waitFor(30).until(d -> error.isDisplayed());
        assertTrue(error.getText().startsWith("notimage.jpg: not an image"), error.getText());
        assertTrue(!error.getText().contains("upload"), error.getText());
        assertEquals(0, driver.findElements(By.cssSelector("#results .result")).size());
    }
}
