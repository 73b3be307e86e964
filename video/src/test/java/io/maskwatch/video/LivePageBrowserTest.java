package io.maskwatch.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page of {@code watch --serve} in headless Chromium: the annotated video plays (MJPEG), alerts arrive as
 * server-sent events, /metrics counts per source. Saves a screenshot to target/watch-live.png (docs/watch-live.jpg
 * is a JPEG copy of it).
 */
class LivePageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void livePageShowsTheVideoAndTheAlerts(@TempDir Path profile) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium not installed (apt-get install chromium chromium-driver; .ci/run does)");
        Path video = VideoFixtures.photoVideo();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,820");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        WatchCommand command = new WatchCommand();
        AtomicReference<VideoFixtures.Run> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(VideoFixtures.watch(command,
                List.of(video.toString(), "--serve", "0", "--linger", "600", "--blur", "masked"))));
        try {
            t.start();
            LiveServer live = command.liveServer(120);
            assertTrue(live != null, "the live server did not start");
            URI uri = live.uri();
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.get(uri.toString());
            assertEquals("maskwatch live", driver.getTitle());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                    "return document.getElementById('video0').naturalWidth;")).intValue() > 0);
            wait.until(d -> !d.findElements(By.cssSelector("#alerts li.alert")).isEmpty());
            String alert = driver.findElement(By.cssSelector("#alerts li.alert")).getText();
            assertTrue(alert.contains("unmasked"), alert);
            assertEquals(1280, ((Number) driver.executeScript("return document.getElementById('video0').naturalWidth;")).intValue());
            Thread.sleep(1500); // let the statistics line fill in
            Path shot = Path.of("target/watch-live.png");
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            assertTrue(Files.size(shot) > 10_000);

            HttpResponse<String> m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, m.statusCode());
            String src = "{source=\"" + video + "\"}";
            assertTrue(m.body().contains("maskwatch_watch_frames_analysed_total" + src), m.body());
            assertTrue(m.body().matches("(?s).*maskwatch_watch_alerts_total\\Q" + src + "\\E [1-9].*"), m.body());
            assertTrue(m.body().contains("maskwatch_watch_reconnects_total" + src + " 0"), m.body());
            // the test stops watch itself: --linger keeps the page up after the file has ended
        } finally {
            command.stop();
            t.join(60_000);
            driver.quit();
        }
        assertEquals(0, result.get().exitCode(), result.get().err());
        assertTrue(result.get().err().contains("live view on http://127.0.0.1:"), result.get().err());
        assertTrue(result.get().err().matches("(?s).*photos-720p.mp4: \\d+ frames read, [1-9]\\d* analysed.*"), result.get().err());
    }
}
