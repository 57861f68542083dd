"""Opens a page in the system's headless Chromium and prints its first paint in milliseconds, the
least of `runs` loads: `python first_paint.py PAGE [RUNS]` (needs Selenium, chromium, chromedriver)."""
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"]:
    options.add_argument(argument)
options.binary_location = shutil.which("chromium")
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
driver.set_script_timeout(10)
paints = []
try:
    for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 7):
        driver.get("file://" + sys.argv[1])
        paints.append(driver.execute_async_script(
            "const done = arguments[0];"
            "new PerformanceObserver((list, observer) => {"
            "  const paint = list.getEntries().find(e => e.name === 'first-paint');"
            "  if (paint) { observer.disconnect(); done(paint.startTime); }"
            "}).observe({type: 'paint', buffered: true});"))
finally:
    driver.quit()
print(" ".join(str(p) for p in sorted(paints)))
