"""The explorer page (--html) in a real headless Chromium, the system's, driven through its WebDriver.

For cs187 at N = 3, the LSTM at N = 2 and a model written here: focusing each term k (Tab, as a
keyboard user does) lights up exactly the edges of path k as --paths lists it; clicking each node lists
exactly the terms whose paths pass through it; with --values, each node's value and adjoint are the
--json numbers and the terms' contributions add up to the gradient. No page makes a network request.
Screenshots go to $RNNGRAPH_SCREENSHOTS (a temporary folder otherwise), named in the output.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile

import numpy as np
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

RNNGRAPH = os.environ.get("RNNGRAPH", "rnngraph")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")

CELL = """model "Explorer test cell"
time t = 1..N
h_t = tanh(W x_t + U h_{t-1})
y_t = V h_t
L = sum_t (d_t - y_t)^2
"""


def r(rng, *shape):
    return rng.normal(size=shape).round(3).tolist()


def cs187_values(rng):
    return {"parameters": {"U": r(rng, 2, 2), "V": r(rng, 2, 2), "W": r(rng, 2, 2)},
            "h0": r(rng, 2), "inputs": r(rng, 4, 2)}


def lstm_values(rng):
    gates = ["i", "f", "g", "o"]
    values = {f"W_i{g}": r(rng, 3, 2) for g in gates} | {f"W_h{g}": r(rng, 3, 3) for g in gates}
    values |= {f"b_{g}": r(rng, 3) for g in gates}
    return values | {"W_hq": r(rng, 2, 3), "b_q": r(rng, 2), "x": r(rng, 2, 2), "y": r(rng, 2, 2),
                     "h_0": r(rng, 3), "c_0": r(rng, 3)}


def cell_values(rng):
    return {"W": r(rng, 3, 2), "U": r(rng, 3, 3), "V": r(rng, 2, 3), "x": r(rng, 3, 2), "d": r(rng, 3, 2),
            "h_0": r(rng, 3)}


CASES = {"cs187": ("cs187", cs187_values), "lstm": ("lstm", lstm_values), "cell": (None, cell_values)}


def rnngraph(*arguments):
    done = subprocess.run([RNNGRAPH, *arguments], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def show_name(text):
    """`h₁` as --show and the page name it, `h_1`; `W_hf` as it is."""
    match = re.fullmatch(r"(.*?)([₀-₉]+)", text)
    return f"{match.group(1)}_{match.group(2).translate(SUBSCRIPTS)}" if match else text


@pytest.fixture(scope="session")
def folder():
    with tempfile.TemporaryDirectory(prefix="rnngraph-explorer-") as path:
        yield path


@pytest.fixture(scope="session")
def shots():
    path = os.environ.get("RNNGRAPH_SCREENSHOTS") or tempfile.mkdtemp(prefix="rnngraph-explorer-shots-")
    os.makedirs(path, exist_ok=True)
    print(f"\nscreenshots in {path}")
    return path


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                     "--disable-background-networking", "--no-first-run"]:
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(10)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def pages(folder):
    """Each case's model argument, values file, page and --paths/--json outputs."""
    rng = np.random.default_rng(26)
    made = {}
    for name, (bundled, values) in CASES.items():
        model = bundled or os.path.join(folder, "cell.rnn")
        if bundled is None:
            with open(model, "w") as f:
                f.write(CELL)
        values_path = os.path.join(folder, f"{name}.json")
        with open(values_path, "w") as f:
            json.dump(values(rng), f)
        page = os.path.join(folder, f"{name}.html")
        rnngraph("--model", model, "--values", values_path, "--html", page)
        numbers = json.loads(rnngraph("--model", model, "--values", values_path, "--json"))
        length = {"cs187": "3", "lstm": "2", "cell": "3"}[name]
        paths = []
        for line in rnngraph("--model", model, "--length", length, "--paths").splitlines():
            number, rest = line.split(": ", 1)
            nodes = [show_name(n) for n in rest.split(" → ")]
            assert int(number) == len(paths) + 1
            paths.append(nodes)
        made[name] = {"page": page, "numbers": numbers, "paths": paths, "length": length}
    return made


def network_requests(driver):
    """URLs the browser asked for, other than file: and data: ones, from its DevTools network log."""
    requested = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(("file:", "data:")):
                requested.append(url)
    return requested


def open_page(driver, page):
    driver.get("file://" + page)
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => !n.startsWith('file:') && !n.startsWith('data:'))")
    assert resources == []


def visible(driver, selector):
    return driver.find_elements("css selector", "section.length:not([hidden]) " + selector)


def lit_edges(driver):
    return set(driver.execute_script(
        "return [...document.querySelectorAll('section.length:not([hidden]) [data-edge].on')]"
        ".map(e => e.dataset.edge)"))


@pytest.mark.parametrize("name", list(CASES))
def test_terms_light_their_paths_and_nodes_list_their_terms(browser, pages, shots, name):
    case = pages[name]
    open_page(browser, case["page"])
    assert browser.find_element("id", "length").get_attribute("value") == case["length"]
    terms = visible(browser, ".form:not([hidden]) [data-term]")
    assert [int(t.get_attribute("data-term")) for t in terms] == list(range(1, len(case["paths"]) + 1))
    figure_edges = {e.get_attribute("data-edge") for e in visible(browser, "[data-edge]")}
    # Tab from term to term, as a keyboard reader does.
    browser.execute_script("arguments[0].focus()", terms[0])
    for k, path in enumerate(case["paths"], start=1):
        if k > 1:
            ActionChains(browser).send_keys(Keys.TAB).perform()
        assert browser.execute_script("return document.activeElement.dataset.term") == str(k)
        expected = {f"{a}->{b}" for a, b in zip(path, path[1:])}
        assert expected <= figure_edges, f"{name}: path {k} has edges the figure lacks"
        assert lit_edges(browser) == expected, f"{name}: term {k}"
        if k == min(3, len(case["paths"])):
            browser.save_screenshot(os.path.join(shots, f"{name}-term-{k}.png"))
    # Enter pins a term: its path stays lit when the focus leaves it; Enter again unpins.
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    pinned = int(browser.execute_script("return document.activeElement.dataset.term"))
    assert pinned == max(1, len(case["paths"]) - 1)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    browser.execute_script("document.activeElement.blur()")
    assert lit_edges(browser) == {f"{a}->{b}" for a, b in zip(case["paths"][pinned - 1], case["paths"][pinned - 1][1:])}
    browser.execute_script("arguments[0].focus()", terms[pinned - 1])
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    browser.execute_script("document.activeElement.blur()")
    assert lit_edges(browser) == set()
    # Clicking a node lists the terms through it; its panel holds its value and adjoint.
    numbers = case["numbers"]
    for node in visible(browser, "[data-node]"):
        node_name = node.get_attribute("data-node")
        ActionChains(browser).move_to_element(node).click().perform()
        listed = [int(li.get_attribute("data-term-ref")) for li in browser.find_elements("css selector", "#node-terms li")]
        assert browser.find_element("css selector", "#panel h2").text == node_name
        assert listed == [k for k, path in enumerate(case["paths"], start=1) if node_name in path], node_name
        value = browser.find_element("css selector", "#panel [data-value]").get_attribute("data-value")
        adjoint = browser.find_element("css selector", "#panel [data-adjoint]").get_attribute("data-adjoint")
        if node_name in numbers["values"]:
            assert json.loads(value) == numbers["values"][node_name], node_name
        for kind in ("gradients", "adjoints"):
            if node_name in numbers[kind]:
                assert json.loads(adjoint) == numbers[kind][node_name], node_name
    browser.save_screenshot(os.path.join(shots, f"{name}-node.png"))
    # The terms' contributions add up to the gradient --json reports.
    wrt = case["paths"][0][0]
    contributions = [json.loads(c.get_attribute("data-contribution"))
                     for c in visible(browser, ".form:not([hidden]) [data-contribution]")]
    assert len(contributions) == len(case["paths"])
    gradient = np.array(numbers["gradients"][wrt], dtype=float)
    assert np.allclose(np.sum([np.reshape(c, gradient.shape) for c in contributions], axis=0), gradient, atol=1e-12)
    # Sorted by size, the largest contribution comes first.
    visible(browser, ".form:not([hidden]) button.sort")[0].click()
    order = [int(t.get_attribute("data-term")) for t in visible(browser, ".form:not([hidden]) [data-term]")]
    sizes = [float(np.linalg.norm(contributions[k - 1])) for k in order]
    assert sizes == sorted(sizes, reverse=True)
    # Clicking an edge shows its local partial, symbolic and closed.
    edge = visible(browser, f"[data-edge='{case['paths'][0][0]}->{case['paths'][0][1]}']")[0]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", edge)
    assert browser.find_elements("css selector", "#edge-symbolic math") and browser.find_elements(
        "css selector", "#edge-closed math")
    assert network_requests(browser) == []


def test_forms_and_lengths_switch(browser, pages, shots):
    open_page(browser, pages["cs187"]["page"])
    for form in ["compact", "merged", "recursive"]:
        for local in ["symbolic", "closed"]:
            browser.find_element("css selector", f"input[name=form][value={form}]").click()
            browser.find_element("css selector", f"input[name=local][value={local}]").click()
            shown = visible(browser, ".form:not([hidden])")
            assert [f.get_attribute("data-form") for f in shown] == [f"{form}-{local}"]
            assert shown[0].find_elements("css selector", "math")
            assert shown[0].find_elements("css selector", ".factor[tabindex=\"0\"]"), f"{form}-{local}"
    browser.save_screenshot(os.path.join(shots, "cs187-recursive-closed.png"))
    browser.find_element("css selector", "input[name=form][value=expanded]").click()
    browser.find_element("css selector", "input[name=local][value=symbolic]").click()
    counts = {}
    for option in browser.find_elements("css selector", "#length option"):
        option.click()
        counts[option.get_attribute("value")] = len(visible(browser, ".form:not([hidden]) [data-term]"))
    assert counts == {"1": 1, "2": 3, "3": 6}
    assert network_requests(browser) == []


def test_cs187_page_is_small_and_paints_fast(browser, folder):
    page = os.path.join(folder, "cs187-N3.html")
    rnngraph("--model", "cs187", "--length", "3", "--html", page)
    assert os.path.getsize(page) < 200_000
    first = []
    for _ in range(3):
        open_page(browser, page)
        first.append(browser.execute_async_script(
            "const done = arguments[0];"
            "new PerformanceObserver((list, observer) => {"
            "  const paint = list.getEntries().find(e => e.name === 'first-paint');"
            "  if (paint) { observer.disconnect(); done(paint.startTime); }"
            "}).observe({type: 'paint', buffered: true});"))
    print(f"cs187 N = 3: {os.path.getsize(page)} bytes, first paint {first} ms")
    assert min(first) < 300, first
    assert network_requests(browser) == []


def test_the_network_check_catches_a_request(browser, folder):
    """A page that asks for a remote image is caught: the check above can fail."""
    page = os.path.join(folder, "fetching.html")
    with open(page, "w") as f:
        f.write('<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>')
    browser.get("file://" + page)
    assert network_requests(browser) == ["http://example.invalid/x.png"]
