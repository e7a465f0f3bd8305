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

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks); a leading BOM dropped. */
function csvRecords(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n') { record.push(field.replace(/\r$/, '')); records.push(record); record = []; field = ''; }
    else field += c;
  }
  if (field || record.length) { record.push(field); records.push(record); }
  return records;
}

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

  await step('a heat-map cell opens the complaints received in it, from the table and from the chart (en, zh)', async () => {
    await m.goto('/dashboard/analysis');
    await m.locator('[data-test=heat-chart] canvas').first().waitFor();
    await m.locator('[data-test=heat] details summary').click();
    const cells = await m.locator('a[data-test=heat-cell]').evaluateAll((links) => links.map((a) => ({
      day: Number(a.dataset.day), hour: Number(a.dataset.hour), count: Number(a.textContent.replace(/\D/g, '')) })));
    const busiest = cells.reduce((a, b) => (b.count > a.count ? b : a));
    const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    await m.locator(`a[data-test=heat-cell][data-day="${busiest.day}"][data-hour="${busiest.hour}"]`).click();
    await m.waitForURL(new RegExp(`/dashboard/drill\\?.*weekday=${weekdays[busiest.day]}&hour=${busiest.hour}&`));
    await m.locator('[data-test=drill-cell]', { hasText: `${String(busiest.hour).padStart(2, '0')}:00–` }).waitFor();
    const drilled = numberOf(await m.locator('[data-test=drill-total]').textContent());
    assert(drilled === busiest.count, `the cell counts ${busiest.count}, its drill-down lists ${drilled}`);
    // Each complaint listed was received on that weekday and hour of the browser's clock.
    const ids = (await m.locator('[data-test=drill-table] tbody a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
      .slice(0, 10).map((href) => href.split('/').pop());
    const times = await m.evaluate(async (list) => Promise.all(list.map(async (id) => {
      const c = await (await fetch(`/api/v1/complaints/${id}`, { credentials: 'same-origin' })).json();
      const at = new Date(c.received_at);
      return { day: (at.getDay() + 6) % 7, hour: at.getHours(), received: c.received_at };
    })), ids);
    for (const t of times) assert(t.day === busiest.day && t.hour === busiest.hour, `${t.received} is not in the cell ${JSON.stringify(busiest)}`);
    await shot(m, 'heat-drill-en');
    await m.locator('[data-test=drill-back]').click();
    await m.waitForURL(/\/dashboard\/analysis/);
    // A click on the same cell of the chart opens the same list (grid: 64 px left, 16 right, 8 top, 64 bottom).
    const canvas = m.locator('[data-test=heat-chart]');
    await canvas.locator('canvas').first().waitFor();
    const box = await canvas.boundingBox();
    const x = 64 + (busiest.hour + 0.5) * (box.width - 80) / 24;
    const y = 8 + (busiest.day + 0.5) * (box.height - 72) / 7;
    await canvas.click({ position: { x, y } });
    await m.waitForURL(new RegExp(`/dashboard/drill\\?.*weekday=${weekdays[busiest.day]}&hour=${busiest.hour}&`));
    assert(numberOf(await m.locator('[data-test=drill-total]').textContent()) === busiest.count, 'the chart cell drills to another number');
    await m.getByRole('button', { name: '中文' }).click();
    await m.locator('[data-test=drill-cell]', { hasText: '受理（UTC' }).waitFor();
    await shot(m, 'heat-drill-zh');
    await m.getByRole('button', { name: 'English' }).click();
  });

  await step('problems and trends filtered to one category: the volumes and drill-downs stay within it', async () => {
    await m.goto('/dashboard/analysis');
    const deliveryRow = m.locator('[data-test=pareto-table] tbody tr[data-name="物流配送"]');
    await deliveryRow.waitFor();
    const delivery = numberOf(await deliveryRow.locator('[data-test=pareto-count]').textContent());
    await m.locator('[data-test=pareto-by]').selectOption('channel');
    await m.locator('[data-test=filter-dim]').selectOption('category');
    await m.locator('[data-test=filter-value]').selectOption('物流配送');
    await m.waitForURL(/fval=/);
    await m.locator('[data-test=pareto-no-drill]').waitFor();
    await m.waitForFunction((n) => document.querySelector('[data-test=pareto-total]')?.textContent?.replace(/\D/g, '') === String(n), delivery);
    const channels = await m.locator('[data-test=pareto-table] tbody [data-test=pareto-count]').allTextContents();
    assert(channels.reduce((s, c) => s + numberOf(c), 0) === delivery, 'the channels of delivery complaints do not add up');
    await m.locator('[data-test=trends] details summary').click();
    await m.waitForFunction((n) => {
      const cells = [...document.querySelectorAll('[data-test=trend-table] tbody tr td:nth-child(2)')];
      return cells.length && cells.reduce((s, c) => s + Number(c.textContent.replace(/\D/g, '')), 0) === n;
    }, delivery);
    const link = m.locator('[data-test=trend-received]').last();
    const n = numberOf(await link.textContent());
    await link.click();
    await m.waitForURL(/group=/);
    await m.locator('[data-test=drill-group]', { hasText: 'Category: Delivery' }).waitFor();
    assert(numberOf(await m.locator('[data-test=drill-total]').textContent()) === n, 'the filtered day drills to another number');
    await shot(m, 'analysis-filtered-en');
    await m.locator('[data-test=drill-back]').click();
    await m.waitForURL(/fdim=category/);
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
    const lines = csvRecords(text).length - 1;
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

  // ---- The resolution workspace on the complaint page (a manager at work on the demo's delivery complaints) ----
  const api = (page, path, init) => page.evaluate(async ({ path, init }) => {
    const session = await (await fetch('/api/v1/session')).json();
    const answer = await fetch(path, { ...init, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token } });
    return { status: answer.status, body: answer.status === 204 ? null : await answer.json() };
  }, { path, init });
  let working = [];

  await step('resolution workspace: a suggested template rendered, edited and sent as a reply, then used to resolve', async () => {
    const list = await api(m, '/api/v1/complaints?status=new,triaged,assigned,in_progress&category=%E7%89%A9%E6%B5%81%E9%85%8D%E9%80%81&limit=20');
    working = list.body.items.map((c) => c.id);
    assert(working.length >= 3, `only ${working.length} open delivery complaints in the demo`);
    // One that has similar resolved complaints to show (the demo's surge complaints are alike only among themselves).
    let id = 0;
    for (const candidate of working) {
      if ((await api(m, `/api/v1/complaints/${candidate}/suggestions`)).body.similar.length) {
        id = candidate;
        break;
      }
    }
    assert(id > 0, 'no open delivery complaint of the demo has a similar resolved one');
    working = [id, ...working.filter((w) => w !== id)];
    // The manager takes it (resolving needs it in progress; the workflow's own steps are tested above).
    for (const step of [{ to: 'assigned', assignee: 'manager' }, { to: 'in_progress' }]) {
      const moved = await api(m, `/api/v1/complaints/${id}/transitions`, { method: 'POST', body: JSON.stringify(step) });
      assert(moved.status === 200 || (step.to === 'assigned' && moved.status === 422), `→ ${step.to}: ${moved.status}`);
    }
    await m.goto(`/complaints/${id}`);
    const panel = m.locator('[data-test=resolution-panel]');
    const suggested = panel.locator('[data-test=suggested-template]');
    await suggested.first().waitFor();
    await panel.locator('[data-test=similar]').first().waitFor();
    const templateId = Number(await suggested.first().getAttribute('data-template'));
    const before = (await api(m, `/api/v1/templates/${templateId}`)).body.stats;
    await suggested.first().locator('[data-test=use-template]').click();
    const box = panel.locator('[data-test=template-text]');
    await box.waitFor();
    const rendered = await box.inputValue();
    assert(rendered.length > 20 && !/\{customer_name\}|\{number\}/.test(rendered), `rendered text: ${rendered}`);
    const token = `tpl${Date.now()}`;
    await box.fill(`${rendered.replace(/\{\w+\}/g, '—')}\n${token}`);
    await shot(m, 'complaint-resolution-en');
    await panel.locator('[data-test=apply-reply]').click();
    await panel.locator('[data-test=resolution-notice]', { hasText: 'Reply sent with' }).waitFor();
    await m.locator('.timeline li', { hasText: token }).first().waitFor();
    // Resolving with the same template in English.
    await panel.locator('[data-test=render-language]').selectOption('en');
    await suggested.first().locator('[data-test=use-template]').click();
    await panel.locator('[data-test=rendered-language]', { hasText: 'English' }).waitFor();
    const english = await box.inputValue();
    await box.fill(english.replace(/\{\w+\}/g, '—'));
    await panel.locator('[data-test=apply-resolution]').click();
    await panel.locator('[data-test=resolution-notice]', { hasText: 'Resolved with' }).waitFor();
    await m.locator('[data-test=status]', { hasText: 'Resolved' }).waitFor();
    const after = (await api(m, `/api/v1/templates/${templateId}`)).body.stats;
    assert(after.uses === before.uses + 2 && after.replies === before.replies + 1 && after.resolutions === before.resolutions + 1,
           `template stats went from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
    const stored = (await api(m, `/api/v1/complaints/${id}`)).body;
    assert(stored.status === 'resolved' && stored.resolution_summary.length > 10, `stored: ${stored.status}`);
  });

  await step('related complaints: link a similar one from the suggestions and two open ones, then merge a duplicate into the first (en, zh)', async () => {
    const [primary, related, duplicate] = working;
    const panel = m.locator('[data-test=links-panel]');
    // A similar resolved complaint, linked from the suggestions.
    await m.goto(`/complaints/${primary}`);
    const similar = m.locator('[data-test=similar]').first();
    await similar.waitFor();
    const similarId = await similar.getAttribute('data-id');
    await similar.locator('[data-test=similar-link]').click();
    assert((await m.getByLabel('Complaint to link').inputValue()) === similarId, 'the link form is not filled with the similar complaint');
    await m.getByLabel('Reason', { exact: true }).fill('同类问题，参考其解决方案');
    await panel.locator('[data-test=link-submit]').click();
    await panel.locator(`[data-test=related][data-id="${similarId}"]`).waitFor();
    // The other complaints are named by their numbers, as customers and colleagues quote them.
    const primaryNumber = (await api(m, `/api/v1/complaints/${primary}`)).body.number;
    await m.goto(`/complaints/${related}`);
    await panel.locator('[data-test=link-open]').click();
    await m.getByLabel('Complaint to link').fill('TS209901999999');
    await m.getByLabel('Reason', { exact: true }).fill('同一订单的两次投诉');
    await panel.locator('[data-test=link-submit]').click();
    await panel.locator('[data-test=links-error]', { hasText: 'There is no complaint TS209901999999' }).waitFor();
    await m.getByLabel('Complaint to link').fill(primaryNumber.toLowerCase());
    await panel.locator('[data-test=link-submit]').click();
    await panel.locator('[data-test=links-notice]', { hasText: `Linked to ${primaryNumber} (#${primary}).` }).waitFor();
    await panel.locator(`[data-test=related][data-id="${primary}"]`, { hasText: '同一订单的两次投诉' }).waitFor();
    await m.goto(`/complaints/${duplicate}`);
    await panel.locator('[data-test=merge-open]').click();
    await m.getByLabel('Complaint to merge this one into').fill(primaryNumber);
    await m.getByLabel('Reason', { exact: true }).fill('客户重复提交');
    await panel.locator('[data-test=link-submit]').click();
    await panel.locator('[data-test=merge-confirm]', { hasText: `${primaryNumber} (#${primary})` }).waitFor();
    await panel.locator('[data-test=link-submit]').click();
    await m.locator('[data-test=status]', { hasText: 'Merged' }).waitFor();
    await panel.locator('[data-test=merged-into]').waitFor();
    await panel.locator('[data-test=merged-into] a').click();
    await m.waitForURL(new RegExp(`/complaints/${primary}$`));
    await panel.locator(`[data-test=merged-from][data-id="${duplicate}"]`).waitFor();
    await panel.locator(`[data-test=related][data-id="${related}"]`).waitFor();
    await shot(m, 'complaint-links-en');
    await m.getByRole('button', { name: '中文' }).click();
    await m.getByRole('heading', { name: '关联投诉' }).waitFor();
    await m.getByRole('heading', { name: '解决方案工作区' }).waitFor();
    await shot(m, 'complaint-resolution-zh');
    await m.getByRole('button', { name: 'English' }).click();
  });

  await step('send survey from the complaint page: the link is shown and opens the survey', async () => {
    const id = working[0];
    await m.goto(`/complaints/${id}`);
    const panel = m.locator('[data-test=survey-panel]');
    await panel.locator('[data-test=send-survey]').click();
    const url = await panel.locator('[data-test=survey-url]').inputValue();
    assert(url.startsWith(`${base}/s/`), `survey link ${url}`);
    await panel.locator('[data-test=survey]').first().waitFor();
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: /满意度调查|Satisfaction survey/ }).waitFor();
    await page.close();
  });

  await step('solution templates: the list with use and CSAT; a bad placeholder refused with the reason, then saved and edited (en, zh)', async () => {
    await m.getByRole('link', { name: 'Administration' }).click();
    await m.getByRole('link', { name: 'Templates' }).click();
    await m.waitForURL(/\/admin\/templates$/);
    const rows = m.locator('[data-test=templates-table] tbody tr');
    await rows.first().waitFor();
    assert(await rows.count() >= 9, `${await rows.count()} templates listed; the demo has nine`);
    const listed = await api(m, '/api/v1/templates');
    const used = listed.body.items.find((x) => x.stats.uses > 0 && x.stats.csat.n > 0);
    assert(used, 'no demo template with uses and answers');
    const row = m.locator(`tr[data-template="${used.id}"]`);
    assert(numberOf(await row.locator('[data-test=uses]').textContent()) === used.stats.uses, 'uses differ from the API');
    assert((await row.locator('[data-test=csat]').textContent()).includes(`n = ${used.stats.csat.n}`), 'CSAT sample differs');
    await m.locator('[data-test=template-add]').click();
    await m.getByLabel('Name').fill('发票补开说明');
    await m.getByLabel('Category').selectOption('价格争议');
    await m.getByLabel('Chinese text').fill('尊敬的{customer}：您的发票将在三个工作日内补开。');
    await m.locator('[data-test=template-save]').click();
    const error = m.locator('[data-test=template-form-error][data-field=body_zh]');
    await error.waitFor();
    assert((await error.textContent()).includes('{customer}'), `422 reason: ${await error.textContent()}`);
    await shot(m, 'admin-templates-refused-en');
    await m.getByLabel('Chinese text').fill('尊敬的{customer_name}：投诉 {number} 的发票将在三个工作日内补开。');
    await m.locator('[data-test=template-save]').click();
    await m.locator('[data-test=notice]', { hasText: 'Template “发票补开说明” saved.' }).waitFor();
    const added = m.locator('tr[data-name="发票补开说明"]');
    await added.waitFor();
    await added.locator('[data-test=template-edit]').click();
    await m.getByLabel('English text').fill('Dear {customer_name}, the invoice for {number} will be issued within three working days.');
    await m.locator('[data-test=template-save]').click();
    await m.locator('[data-test=notice]', { hasText: 'saved' }).waitFor();
    const stored = (await api(m, '/api/v1/templates')).body.items.find((x) => x.name === '发票补开说明');
    assert(stored && stored.version === 2 && stored.body_en.startsWith('Dear {customer_name}') && stored.category === '价格争议',
           `stored template: ${JSON.stringify(stored)}`);
    await shot(m, 'admin-templates-en');
    await m.getByRole('button', { name: '中文' }).click();
    await m.getByRole('heading', { name: '解决方案模板' }).waitFor();
    await shot(m, 'admin-templates-zh');
    await m.getByRole('button', { name: 'English' }).click();
  });

  await step('analytics settings: a KPI target changed in percent reaches the dashboard; alert recipients saved (en, zh)', async () => {
    await m.getByRole('link', { name: 'Analytics', exact: true }).click();
    await m.waitForURL(/\/admin\/analytics$/);
    const repeat = m.getByLabel('Repeat complaints at most (%)');
    assert((await repeat.inputValue()) === '5', `repeat target shown as ${await repeat.inputValue()}`);
    await repeat.fill('4');
    await m.locator('[data-test=targets-save]').click();
    await m.locator('[data-test=targets-notice]', { hasText: 'KPI targets saved.' }).waitFor();
    const stored = (await api(m, '/api/v1/settings/kpi-targets')).body;
    assert(stored.repeat_rate === 0.04 && stored.csat === 4.2, `stored targets ${JSON.stringify(stored)}`);
    await m.getByLabel('E-mail addresses, one per line').fill('manager@example.com\nquality@example.com');
    await m.locator('[data-test=recipients-save]').click();
    await m.locator('[data-test=recipients-notice]', { hasText: '2 addresses' }).waitFor();
    await shot(m, 'admin-analytics-en');
    await m.getByRole('button', { name: '中文' }).click();
    await m.getByRole('heading', { name: '关键指标目标' }).waitFor();
    await shot(m, 'admin-analytics-zh');
    await m.getByRole('button', { name: 'English' }).click();
    await m.goto('/dashboard');
    await m.locator('[data-test=kpi-card][data-kpi=repeat_rate]', { hasText: 'Target ≤ 4%' }).waitFor();
  });

  await step('the feedback form with customer ids unmasked on request', async () => {
    const panel = m.locator('[data-test=feedback-export]');
    await panel.locator('[data-test=export-format]').selectOption('csv');
    const fetchCsv = async (unmasked) => {
      await panel.locator('[data-test=export-contact]').setChecked(unmasked);
      const [download] = await Promise.all([m.waitForEvent('download'), panel.locator('[data-test=export-download]').click()]);
      const path = join(outDir, `feedback-form-${unmasked ? 'unmasked' : 'masked'}.csv`);
      await download.saveAs(path);
      return csvRecords(await readFile(path, 'utf8')).slice(1).map((r) => r[0]);
    };
    const masked = await fetchCsv(false);
    const unmasked = await fetchCsv(true);
    assert(masked.length === unmasked.length && masked.length >= 200, `${masked.length} and ${unmasked.length} rows`);
    const hidden = masked.filter((id) => id.includes('*')).length;
    assert(hidden > 0, 'no customer id is masked in the default export');
    assert(unmasked.every((id) => !id.includes('*')), 'an id is still masked when asked for in full');
    const i = masked.findIndex((id) => id.includes('*'));
    assert(unmasked[i][0] === masked[i][0] && unmasked[i].slice(-1) === masked[i].slice(-1), `${masked[i]} vs ${unmasked[i]}`);
  });

  return { context, page: m };
}
