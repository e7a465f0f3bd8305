// Browser steps for the analysis pages (Pareto, trends, heat map, alerts, the feedback-form export), the resolution
// workspace on the complaint page and the solution templates' administration. Called by scenario.mjs with its step
// runner, so a failure here fails the run the same way.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const desk = { viewport: { width: 1366, height: 900 } };

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function signIn(page, username) {
  await page.goto('/signin');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/queue\//);
}

const numberOf = (text) => Number(String(text).replace(/[^\d]/g, ''));

export async function moreScenario({ browser, base, step, shot, watch, outDir }) {
  const context = await browser.newContext({ ...desk, locale: 'en-US', baseURL: base, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const m = await context.newPage();
  watch(m);

  await step('problems and trends: the Pareto, its core problems and the complaints behind a bar', async () => {
    await signIn(m, 'manager');
    await m.getByRole('link', { name: 'Dashboard' }).click();
    await m.locator('[data-test=dashboard-tabs] [data-tab=dashboard-analysis]').click();
    await m.waitForURL(/\/dashboard\/analysis/);
    const rows = m.locator('[data-test=pareto-table] tbody tr');
    await rows.first().waitFor();
    const core = await m.locator('[data-test=core-problems] li').count();
    assert(core >= 1 && core <= 3, `${core} core problems`);
    await m.locator('[data-test=pareto-chart] canvas').first().waitFor();
    // The counts add up to the total, and the cumulative share of the last row is 100 %.
    const total = numberOf(await m.locator('[data-test=pareto-total]').textContent());
    const counts = await m.locator('[data-test=pareto-count]').allTextContents();
    const sum = counts.reduce((s, c) => s + numberOf(c), 0);
    assert(total > 0 && sum === total, `Pareto counts add up to ${sum}, total ${total}`);
    assert((await rows.last().locator('td').nth(2).textContent()).trim() === '100%', 'last cumulative share is not 100%');
    await shot(m, 'analysis-en');
    const first = rows.first();
    const count = numberOf(await first.locator('[data-test=pareto-count]').textContent());
    await first.locator('[data-test=pareto-count]').click();
    await m.waitForURL(/\/dashboard\/drill\?.*kpi=received/);
    await m.getByRole('heading', { name: 'Complaints received' }).waitFor();
    const drilled = numberOf(await m.locator('[data-test=drill-total]').textContent());
    assert(drilled === count, `the bar counts ${count}, its drill-down lists ${drilled}`);
    await m.locator('[data-test=drill-table] tbody a').first().click();
    await m.waitForURL(/\/complaints\/\d+$/);
    await m.locator('[data-test=number]').waitFor();
    await m.goBack();
    await m.locator('[data-test=drill-back]').click();
    await m.waitForURL(/\/dashboard\/analysis/);
  });

  await step('trends per day and week with KPIs; the heat map counts the same complaints (en, zh)', async () => {
    await m.locator('[data-test=trend-chart] canvas').first().waitFor();
    const total = numberOf(await m.locator('[data-test=pareto-total]').textContent());
    await m.locator('[data-test=trends] details summary').click();
    const days = await m.locator('[data-test=trend-table] tbody tr').count();
    assert(days === 30, `${days} daily points for 30 days`);
    const received = await m.locator('[data-test=trend-table] tbody tr td:nth-child(2)').allTextContents();
    const perDay = received.reduce((s, c) => s + numberOf(c), 0);
    assert(perDay === total, `daily volumes add up to ${perDay}, the Pareto total is ${total}`);
    const heat = await m.locator('[data-test=heat-table] tbody td').allTextContents();
    const inHeat = heat.reduce((s, c) => s + numberOf(c), 0);
    assert(heat.length === 168 && inHeat === total, `heat map: ${heat.length} cells adding up to ${inHeat}, total ${total}`);
    await m.locator('[data-test=heat-peak]', { hasText: 'Busiest' }).waitFor();
    await m.locator('[data-test=heat-chart] canvas').first().waitFor();
    // A day's volume opens that day's complaints.
    const link = m.locator('[data-test=trend-received]').last();
    const n = numberOf(await link.textContent());
    await link.click();
    await m.waitForURL(/\/dashboard\/drill/);
    assert(numberOf(await m.locator('[data-test=drill-total]').textContent()) === n, 'the day drills to another number');
    await m.goBack();
    await m.locator('[data-test=granularity-week]').click();
    await m.locator('input[data-kpi=sla_compliance]').check();
    await m.waitForURL(/granularity=week/);
    await m.waitForURL(/sla_compliance/);
    await m.locator('[data-test=trends] details summary').click();
    await m.locator('[data-test=trend-table] thead th', { hasText: 'SLA compliance' }).waitFor();
    const weeks = await m.locator('[data-test=trend-table] tbody tr').count();
    assert(weeks >= 5 && weeks <= 6, `${weeks} weekly points for 30 days`);
    await shot(m, 'analysis-trends-en');
    await m.getByRole('button', { name: '中文' }).click();
    await m.getByRole('heading', { name: '问题类型帕累托分析' }).waitFor();
    await m.locator('[data-test=heat-peak]', { hasText: '最忙时段' }).waitFor();
    await shot(m, 'analysis-zh');
    await m.getByRole('button', { name: 'English' }).click();
  });

  await step('alerts: the demo’s delivery surge with the complaints behind it', async () => {
    await m.locator('[data-test=dashboard-tabs] [data-tab=dashboard-alerts]').click();
    await m.waitForURL(/\/dashboard\/alerts/);
    const surge = m.locator('[data-test=alert][data-kind=surge]').first();
    await surge.waitFor();
    const measured = await surge.locator('[data-test=alert-measured]').textContent();
    assert(/complaints, .* expected/.test(measured), `surge says "${measured}"`);
    const links = surge.locator('[data-test=alert-complaint]');
    assert(await links.count() > 0, 'the surge lists no complaints');
    await shot(m, 'alerts-en');
    const number = (await links.first().textContent()).trim();
    await links.first().click();
    await m.waitForURL(/\/complaints\/\d+$/);
    assert((await m.locator('[data-test=number]').textContent()).trim() === number, 'the alert opened another complaint');
    await m.goBack();
    await m.getByRole('button', { name: '中文' }).click();
    await m.locator('[data-test=alert-kind]', { hasText: '投诉激增' }).first().waitFor();
    await shot(m, 'alerts-zh');
    await m.getByRole('button', { name: 'English' }).click();
  });

  await step('the feedback form downloads as CSV and XLSX, the page stating the rows received', async () => {
    await m.locator('[data-test=dashboard-tabs] [data-tab=dashboard]').click();
    await m.waitForURL(/\/dashboard(\?|$)/);
    const panel = m.locator('[data-test=feedback-export]');
    await panel.locator('[data-test=export-format]').selectOption('csv');
    await panel.locator('[data-test=export-lang]').selectOption('zh');
    const [download] = await Promise.all([m.waitForEvent('download'), panel.locator('[data-test=export-download]').click()]);
    const path = join(outDir, 'feedback-form.csv');
    await download.saveAs(path);
    const text = await readFile(path, 'utf8');
    assert(text.startsWith('\ufeff客户编号'), `CSV starts with ${JSON.stringify(text.slice(0, 10))}`);
    const lines = text.split('\n').filter((l) => l.length > 0).length - 1;
    const result = await panel.locator('[data-test=export-result]').textContent();
    assert(result.includes(download.suggestedFilename()), `result "${result}" does not name ${download.suggestedFilename()}`);
    const rows = Number((result.match(/([\d,]+) rows/) ?? [])[1]?.replace(/,/g, ''));
    assert(rows >= 200 && rows === lines, `the page says ${rows} rows, the file has ${lines}`);
    await panel.locator('[data-test=export-format]').selectOption('xlsx');
    const [xlsx] = await Promise.all([m.waitForEvent('download'), panel.locator('[data-test=export-download]').click()]);
    const xlsxPath = join(outDir, 'feedback-form.xlsx');
    await xlsx.saveAs(xlsxPath);
    const bytes = await readFile(xlsxPath);
    assert(bytes.subarray(0, 2).toString() === 'PK' && xlsx.suggestedFilename().endsWith('.xlsx'), 'the XLSX is not a zip');
    await panel.locator('[data-test=export-result]', { hasText: '.xlsx' }).waitFor();
    await shot(m, 'dashboard-export-en');
  });

  return { context, page: m };
}
