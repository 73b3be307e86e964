package io.maskwatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Detection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web page in headless Chromium: upload a real photo, see the annotated result and the face table. */
class WebPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static MaskwatchServer server;
    private static ChromeDriver driver;

    @BeforeAll
    static void start(@TempDir Path profile) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium not installed (apt-get install chromium chromium-driver)");
        server = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1200,1400");
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

    @Test
    void uploadAPhotoAndSeeTheAnnotatedResultAndTheFaceTable() throws Exception {
        Path photo = Fixtures.GROUP_PHOTO;
        Detection direct = Fixtures.pipeline().detect(photo.getFileName().toString(), ImageLoader.read(photo));

        driver.get(server.uri().toString());
        assertEquals("maskwatch", driver.getTitle());
        waitFor(20).until(d -> d.findElement(By.id("status")).getText().startsWith("Ready"));

        driver.findElement(By.id("file")).sendKeys(photo.toAbsolutePath().toString());
        waitFor(60).until(d -> d.findElement(By.id("output")).isDisplayed());

        WebElement img = driver.findElement(By.id("result"));
        waitFor(20).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0;", img)).intValue() > 0);
        JavascriptExecutor js = driver;
        assertEquals(direct.width(), ((Number) js.executeScript("return arguments[0].naturalWidth;", img)).intValue());
        assertEquals(direct.height(), ((Number) js.executeScript("return arguments[0].naturalHeight;", img)).intValue());
        assertTrue(img.getAttribute("src").startsWith("data:image/png;base64,"));

        List<WebElement> rows = driver.findElements(By.cssSelector("#faces tbody tr"));
        assertEquals(direct.faces().size(), rows.size(), "one table row per face");
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertEquals(String.valueOf(i + 1), cells.get(0).getText());
            assertEquals(direct.faces().get(i).label().json(), cells.get(1).getText());
            assertEquals(direct.faces().get(i).maskProbability(), Double.parseDouble(cells.get(2).getText()), 6e-4);
        }
        String summary = driver.findElement(By.id("summary")).getText();
        assertTrue(summary.startsWith(direct.faces().size() + " faces in 38.jpg"), summary);
        assertTrue(summary.contains(direct.unmaskedCount() + " without a mask"), summary);
        assertTrue(driver.findElement(By.id("status")).getText().startsWith("Done in"));

        // A picture of the result for people reviewing the page (server/target/web-page.png).
        Files.write(Path.of("target", "web-page.png"), driver.getScreenshotAs(OutputType.BYTES));

        // Offline page: every resource it loaded came from this server.
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) js.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        for (String u : urls) {
            assertTrue(u.startsWith(server.uri().toString()) || u.startsWith("data:"), "external resource " + u);
        }
    }

    @Test
    void withAnApiKeyThePageAsksForItAndSendsIt() throws Exception {
        try (MaskwatchServer keyed = MaskwatchServer.start(Fixtures.config().withApiKey("page-key-42"),
                Fixtures.pipeline())) {
            driver.get(keyed.uri().toString());
            waitFor(20).until(d -> d.findElement(By.id("status")).getText().startsWith("Ready"));
            WebElement key = driver.findElement(By.id("apikey"));
            assertTrue(key.isDisplayed(), "key field shown when the server needs one");
            Path photo = Fixtures.PHOTOS.resolve("3.jpg");
            driver.findElement(By.id("file")).sendKeys(photo.toString());
            WebElement error = driver.findElement(By.id("error"));
            waitFor(30).until(d -> error.isDisplayed());
            assertTrue(error.getText().contains("API key required"), error.getText());

            key.sendKeys("page-key-42");
            driver.findElement(By.id("file")).sendKeys(photo.toString());
            waitFor(60).until(d -> d.findElement(By.id("output")).isDisplayed());
            assertTrue(!error.isDisplayed(), "error cleared");
            assertTrue(driver.findElement(By.id("summary")).getText().contains("in 3.jpg"));
        }
    }

    @Test
    void aFileThatIsNotAnImageShowsTheServersError(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a photo", StandardCharsets.UTF_8);
        driver.get(server.uri().toString());
        waitFor(20).until(d -> d.findElement(By.id("status")).getText().startsWith("Ready"));
        driver.findElement(By.id("file")).sendKeys(notes.toString());
        WebElement error = driver.findElement(By.id("error"));
        waitFor(30).until(d -> error.isDisplayed());
        assertTrue(error.getText().startsWith("notes.txt: "), error.getText());
        assertEquals(0, driver.findElements(By.cssSelector("#faces tbody tr")).size());
    }
}
