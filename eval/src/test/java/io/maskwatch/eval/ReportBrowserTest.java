package io.maskwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** report.html rendered by headless Chromium shows the tables, both ROC plots and the gallery crops. */
class ReportBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void reportRendersWithTableAndPlots() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium not installed (apt-get install chromium chromium-driver)");
        ReportFixture f = new ReportFixture(Files.createDirectories(dir.resolve("images")));
        Path out = dir.resolve("report");
        ReportWriter.write(f.evaluation, f.images, out);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome-profile")), "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.get(out.resolve("report.html").toUri().toString());
            assertTrue(driver.getTitle().startsWith("maskwatch evaluation"), driver.getTitle());

            WebElement table = driver.findElement(By.id("pipeline-all"));
            assertTrue(table.isDisplayed());
            List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
            assertEquals(3, rows.size(), "masked, unmasked and incorrectly worn");
            assertEquals(List.of("masked", "2", "1", "1", "0"),
                    rows.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
            assertTrue(driver.findElement(By.id("summary")).getText().contains("94.0%"), "the reference's recall is shown");

            JavascriptExecutor js = driver;
            for (String id : List.of("roc-pipeline", "roc-classifier")) {
                WebElement img = driver.findElement(By.id(id));
                assertTrue(img.isDisplayed(), id);
                long w = ((Number) js.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", img)).longValue();
                assertEquals(RocCharts.WIDTH, w, id + " loaded");
            }
            long crops = ((Number) js.executeScript(
                    "return Array.from(document.querySelectorAll('.tile img')).filter(i => i.complete && i.naturalWidth > 0).length;"))
                    .longValue();
            long all = ((Number) js.executeScript("return document.querySelectorAll('.tile img').length;")).longValue();
            assertTrue(all >= 5, "gallery tiles: " + all);
            assertEquals(all, crops, "every gallery crop loads");
        } finally {
            driver.quit();
        }
    }
}
