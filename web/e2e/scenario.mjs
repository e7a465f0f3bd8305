// The browser scenario: a customer on a phone, then an agent at a desk, in both languages.
import { join } from 'node:path';
import { moreScenario } from './scenario-more.mjs';

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desk = { viewport: { width: 1366, height: 900 } };

function randomLetters(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: n }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
}

/** Takes focus off any field, so that single-key shortcuts reach the page. */
async function blur(page) {
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
}

/** A phone page must not scroll sideways. */
async function assertFitsWidth(page, what) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: window.innerWidth,
  }));
  assert(scroll <= width, `${what} is ${scroll} px wide on a ${width} px screen`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Fails the run on any uncaught page error or console error (CSP violations included). */
function watchPage(page, problems) {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // API refusals the scenario provokes on purpose (wrong password, wrong contact, stale version) are logged by
    // Chromium as failed loads; the steps check that the page shows them. A missing asset breaks the step anyway.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
}

export async function scenario({ browser, base, outDir, log }) {
  let passed = 0;
  const problems = [];
  const shot = async (page, name) => {
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  };
  const step = async (name, fn) => {
    log('step:', name);
    try {
      await fn();
    } catch (error) {
      // A picture of every open page at the moment of failure (e2e/out/failed-*.png).
      for (const [i, context] of browser.contexts().entries()) {
        for (const [j, page] of context.pages().entries()) {
          await page.screenshot({ path: join(outDir, `failed-${i}-${j}.png`), fullPage: true }).catch(() => {});
        }
      }
      error.passed = passed;
      error.message = `${name}: ${error.message}`;
      throw error;
    }
    if (problems.length) {
      const error = new Error(`${name}: ${problems.join('; ')}`);
      error.passed = passed;
      throw error;
    }
    passed += 1;
  };

  const token = `kiwi${randomLetters(8)}`;
  const customerPhone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  let number = '';
  let complaintPath = '';
  let intakePath = '';

  // ---- The customer, on a phone, in Chinese (the browser's language) ----
  const customer = await browser.newContext({ ...phone, locale: 'zh-CN', baseURL: base });
  customer.setDefaultTimeout(10_000);
  const c = await customer.newPage();
  watchPage(c, problems);

  await step('public form opens in the browser language (zh-CN)', async () => {
    await c.goto('/complain');
    await c.getByRole('heading', { name: '告诉我们发生了什么' }).waitFor();
    assert((await c.locator('html').getAttribute('lang')) === 'zh-CN', 'html lang is not zh-CN');
    await shot(c, 'public-complain-zh');
    await assertFitsWidth(c, 'public-complain-zh');
  });

  await step('language switch on the public form: zh → en', async () => {
    await c.getByRole('button', { name: 'English' }).click();
    await c.getByRole('heading', { name: 'Tell us what went wrong' }).waitFor();
    assert(await c.getByLabel('Your name').isVisible(), 'English label not shown');
    await shot(c, 'public-complain-en');
    await assertFitsWidth(c, 'public-complain-en');
  });

  await step('customer files a complaint and gets a tracking number', async () => {
    await c.getByLabel('Your name').fill('王小明');
    await c.getByLabel('Mobile phone').fill(customerPhone);
    await c.getByLabel('Subject').fill(`快递延误一周还没送到 ${token}`);
    await c.getByLabel('What happened?').fill(`订单下单后七天还没有送到，物流信息一直没有更新。${token}`);
    await c.getByLabel('Order number').fill('DD2026112300001');
    await c.getByLabel('Amount in dispute').fill('299');
    await c.getByRole('button', { name: 'Submit complaint' }).click();
    const numberLocator = c.locator('[data-test=tracking-number]');
    await numberLocator.waitFor();
    number = (await numberLocator.textContent()).trim();
    assert(/^TS\d{12}$/.test(number), `unexpected tracking number "${number}"`);
    const message = await c.locator('[data-test=tracking-message]').textContent();
    assert(message.includes(number), 'the bilingual message does not name the number');
    await shot(c, 'public-result-en');
    await assertFitsWidth(c, 'public-result-en');
    log('filed', number);
  });

  await step('customer tracks the complaint with number and phone', async () => {
    await c.getByRole('link', { name: 'Track this complaint' }).click();
    await c.waitForURL(/\/track\?number=/);
    assert((await c.getByLabel('Complaint number').inputValue()) === number, 'number not carried to tracking');
    await c.getByLabel('Phone or e-mail').fill(customerPhone);
    await c.getByRole('button', { name: 'Track', exact: true }).click();
    await c.locator('[data-test=track-result]').waitFor();
    const status = await c.locator('[data-test=track-status]').textContent();
    assert(status.trim() === 'New', `tracking shows status "${status}"`);
    await shot(c, 'track-en');
    await assertFitsWidth(c, 'track-en');
    await c.getByRole('button', { name: '中文' }).click();
    await c.getByRole('heading', { name: '查询投诉进度' }).waitFor();
    assert((await c.locator('[data-test=track-status]').textContent()).trim() === '新建', 'status not translated');
    await shot(c, 'track-zh');
    await assertFitsWidth(c, 'track-zh');
  });

  await step('tracking with the wrong contact shows the API error', async () => {
    await c.getByLabel('手机号码或邮箱').fill('13000000000');
    await c.getByRole('button', { name: '查询', exact: true }).click();
    await c.locator('[data-test=track-error]').waitFor();
  });

  // ---- The agent, at a desk, in English ----
  const agentContext = await browser.newContext({ ...desk, locale: 'en-US', baseURL: base });
  agentContext.setDefaultTimeout(10_000);
  const a = await agentContext.newPage();
  watchPage(a, problems);
  if (process.env.E2E_DEBUG) a.on('response', async (r) => { if (r.url().includes('/complaints?')) log('RES', r.status(), r.url(), (await r.text()).slice(0, 60)); });

  await step('staff pages send an anonymous visitor to sign-in', async () => {
    await a.goto('/queue/mine');
    await a.waitForURL(/\/signin\?next=/);
    await a.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot(a, 'signin-en');
  });

  await step('a wrong password gets one generic message', async () => {
    await a.getByLabel('Username').fill('agent');
    await a.getByLabel('Password').fill('not-the-password');
    await a.getByRole('button', { name: 'Sign in' }).click();
    const error = a.locator('[data-test=signin-error]');
    await error.waitFor();
    assert((await error.textContent()).includes('not correct'), 'generic sign-in error not shown');
  });

  await step('agent signs in and lands on the queue', async () => {
    await a.getByLabel('Username').fill('agent');
    await a.getByLabel('Password').fill('demo-password');
    await a.getByRole('button', { name: 'Sign in' }).click();
    await a.waitForURL(/\/queue\/mine/);
    await a.getByRole('heading', { name: 'Queues' }).waitFor();
    await a.getByRole('link', { name: 'All open' }).click();
    await a.locator('table.queue-table tbody tr').first().waitFor();
    await shot(a, 'queue-en');
  });

  await step('the shortcut help opens with ? and closes with Escape', async () => {
    await blur(a);
    await a.keyboard.press('?');
    await a.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shot(a, 'shortcuts-en');
    await a.keyboard.press('Escape');
    await a.getByRole('dialog').waitFor({ state: 'detached' });
  });

  await step('agent finds the new complaint with / and a Chinese + English search, opens it with j and Enter', async () => {
    await a.keyboard.press('/');
    const focused = await a.evaluate(() => document.activeElement?.id);
    assert(focused === 'queue-search', `/ focused ${focused}`);
    await a.keyboard.type(`延误 ${token}`); // a Chinese term and an English word, both must occur
    await a.locator('table.queue-table tbody tr', { hasText: token }).waitFor();
    await a.waitForFunction(() => document.querySelectorAll('table.queue-table tbody tr').length === 1);
    await blur(a);
    await a.keyboard.press('j');
    await a.keyboard.press('Enter');
    await a.waitForURL(/\/complaints\/\d+$/);
    await a.locator('[data-test=number]', { hasText: number }).waitFor();
    complaintPath = new URL(a.url()).pathname;
  });

  await step('complaint page shows the contact details as the API gives them, in full on request', async () => {
    const phoneText = (await a.locator('[data-test=customer-phone]').textContent()).trim();
    if (phoneText.includes('*')) {
      assert(!phoneText.includes(customerPhone), `masked phone shows the number: ${phoneText}`);
      await a.getByRole('button', { name: 'Show contact details' }).click();
      await a.locator('[data-test=customer-phone]', { hasText: customerPhone }).waitFor();
    } else {
      // A server that does not mask contact details for agents.
      assert(phoneText === customerPhone, `phone shows "${phoneText}"`);
      log('this heed returns contact details unmasked to agents; reveal not exercised');
    }
    assert((await a.locator('[data-test=amount]').textContent()).includes('299'), 'amount missing');
  });

  await step('after a reload the session (and its CSRF token) still works: agent replies to the customer', async () => {
    await a.reload();
    await a.locator('[data-test=number]', { hasText: number }).waitFor();
    assert((await a.title()) === `${number} · Heed`, `window title is "${await a.title()}"`);
    await a.getByLabel('Reply to the customer').check();
    await a.getByLabel('Text').fill('您好，我们已联系快递公司加急处理，预计明天送达。');
    await a.getByRole('button', { name: 'Send reply' }).click();
    await a.locator('.timeline li[data-kind=outbound]', { hasText: '加急处理' }).waitFor();
    await a.getByLabel('Internal note').check();
    await a.getByLabel('Text').fill('已致电快递站点，站点确认明天上午派送。');
    await a.getByRole('button', { name: 'Add note' }).click();
    await a.locator('.timeline li[data-kind=internal]', { hasText: '站点确认' }).waitFor();
  });

  const move = async (to, fill) => {
    await a.locator(`[data-test=workflow] button[data-step=${to}]`).click();
    if (fill) await fill();
    await a.locator('[data-test=confirm-step]').click();
    await a.locator(`[data-test=status][data-status=${to}]`).waitFor();
  };

  await step('agent moves it new → assigned → in progress → resolved', async () => {
    await move('assigned', async () => {
      assert((await a.getByLabel('Assignee').inputValue()) === 'agent', 'assignee not prefilled with me');
      // The picker offers the tenant's users (GET /api/v1/users), agents and team leads first.
      await a.waitForFunction(() => document.querySelectorAll('#step-assignee-users option').length > 0);
      const first = await a.locator('#step-assignee-users option').first().getAttribute('value');
      assert(['agent', 'lead'].includes(first), `assignee picker starts with ${first}`);
    });
    await move('in_progress');
    await shot(a, 'complaint-en');
    await move('resolved', async () => {
      await a.getByLabel('Resolution summary').fill('快递已于次日送达，客户确认收货。');
    });
    await a.locator('[data-test=resolution]', { hasText: '客户确认收货' }).waitFor();
    await a.locator('.timeline li[data-kind=status_changed]', { hasText: 'from In progress to Resolved' }).waitFor();
  });

  await step('an edit made from a stale version gets 409, a message and a reload', async () => {
    await a.locator('[data-test=edit]').click();
    await a.locator('[data-test=edit-form]').waitFor();
    // Someone else changes the complaint meanwhile (same session, through the API).
    const status = await a.evaluate(async () => {
      const session = await (await fetch('/api/v1/session')).json();
      const id = location.pathname.split('/').pop();
      const current = await (await fetch(`/api/v1/complaints/${id}`)).json();
      const answer = await fetch(`/api/v1/complaints/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
        body: JSON.stringify({ version: current.version, location: '上海市浦东新区' }),
      });
      return answer.status;
    });
    assert(status === 200, `concurrent PATCH answered ${status}`);
    await a.getByLabel('Product').fill('移动电源');
    await a.locator('[data-test=save-edit]').click();
    await a.locator('[data-test=notice]', { hasText: 'Someone else changed this complaint' }).waitFor();
    await a.locator('dd', { hasText: '上海市浦东新区' }).waitFor();
  });

  await step('an edit from the current version saves', async () => {
    await a.locator('[data-test=edit]').click();
    await a.getByLabel('Product').fill('移动电源');
    await a.locator('[data-test=save-edit]').click();
    await a.locator('[data-test=notice]', { hasText: 'Changes saved' }).waitFor();
    await a.locator('dd', { hasText: '移动电源' }).waitFor();
  });

  await step('language switch on the complaint page: en → zh', async () => {
    await a.getByRole('button', { name: '中文' }).click();
    await a.getByRole('heading', { name: '处理记录' }).waitFor();
    assert((await a.locator('[data-test=status]').textContent()).trim() === '已解决', 'status badge not in Chinese');
    await a.locator('.timeline li[data-kind=status_changed]', { hasText: '状态由 处理中 变为 已解决' }).waitFor();
    await shot(a, 'complaint-zh');
  });

  await step('g q goes back to the queue (zh)', async () => {
    await blur(a);
    await a.keyboard.press('g');
    await a.keyboard.press('q');
    await a.waitForURL(/\/queue\//);
    await a.getByRole('heading', { name: '工作队列' }).waitFor();
    await a.getByRole('link', { name: '全部未结' }).click();
    await a.getByLabel('搜索').fill('');
    // The agent (team 一线客服组) sees only the team's share; with its complaint resolved, the queue may be empty.
    await a.waitForURL((url) => url.pathname === '/queue/open' && !url.searchParams.has('q'));
    await a.locator('table.queue-table tbody tr, [data-test=empty]').first().waitFor();
    await shot(a, 'queue-zh');
  });

  await step('intake of a phone call (zh, then en) opens the new complaint', async () => {
    await a.getByRole('link', { name: '电话登记' }).first().click();
    await a.getByRole('heading', { name: '电话投诉登记' }).waitFor();
    await shot(a, 'intake-zh');
    await a.getByRole('button', { name: 'English' }).click();
    await a.getByRole('heading', { name: 'Record a phone call' }).waitFor();
    await a.getByLabel('Name').fill('Li Lei');
    await a.getByLabel('Phone', { exact: true }).fill('13700001111');
    await a.getByLabel('Subject').fill('Charged twice for one order');
    await a.getByLabel('Description (customer’s own words)').fill('The caller says the card was charged twice for order DD123.');
    await a.getByLabel('Category').selectOption({ label: 'Price and billing' });
    await a.getByLabel('Urgency').selectOption('important');
    await shot(a, 'intake-en');
    await a.locator('[data-test=intake-submit]').click();
    await a.waitForURL(/\/complaints\/\d+\?created=1$/);
    await a.locator('[data-test=notice]', { hasText: /Complaint TS\d{12} registered/ }).waitFor();
    await a.getByRole('heading', { name: 'Charged twice for one order' }).waitFor();
    await a.locator('dd', { hasText: 'Phone' }).first().waitFor();
    intakePath = new URL(a.url()).pathname;
  });

  await step('the customer sees the reply and the resolution, but not the internal note', async () => {
    await c.goto(`/track?number=${number}`);
    await c.getByLabel('手机号码或邮箱').fill(customerPhone);
    await c.getByRole('button', { name: '查询', exact: true }).click();
    await c.locator('[data-test=track-result]').waitFor();
    assert((await c.locator('[data-test=track-status]').textContent()).trim() === '已解决', 'not resolved');
    await c.locator('[data-test=track-messages]', { hasText: '加急处理' }).waitFor();
    assert(!(await c.locator('[data-test=track-result]').textContent()).includes('站点确认'), 'internal note leaked');
    await c.locator('[data-test=track-resolution]', { hasText: '客户确认收货' }).waitFor();
    await shot(c, 'track-resolved-zh');
    await assertFitsWidth(c, 'track-resolved-zh');
  });

  await step('a session ended elsewhere sends the next call to sign-in, and back after signing in', async () => {
    const status = await a.evaluate(async () => {
      const session = await (await fetch('/api/v1/session')).json();
      const answer = await fetch('/api/v1/session', { method: 'DELETE', headers: { 'X-CSRF-Token': session.csrf_token } });
      return answer.status;
    });
    assert(status === 204, `DELETE /api/v1/session answered ${status}`);
    await a.getByRole('link', { name: 'Queues' }).click();
    await a.waitForURL(/\/signin\?.*expired=1/);
    await a.getByText('Your session has ended').waitFor();
    await a.getByLabel('Username').fill('agent');
    await a.getByLabel('Password').fill('demo-password');
    await a.getByRole('button', { name: 'Sign in' }).click();
    await a.waitForURL(/\/queue\//);
    await a.getByRole('heading', { name: 'Queues' }).waitFor();
  });

  await step('sign out returns to sign-in; the page in Chinese', async () => {
    await a.getByRole('button', { name: 'Sign out' }).click();
    await a.waitForURL(/\/signin/);
    await a.getByRole('button', { name: '中文' }).click();
    await a.getByRole('heading', { name: '登录' }).waitFor();
    await shot(a, 'signin-zh');
    await a.goto('/queue/open');
    await a.waitForURL(/\/signin\?next=/);
  });


  // ---- The administrator: users, data protection, audit ----
  const adminContext = await browser.newContext({ ...desk, locale: 'en-US', baseURL: base });
  adminContext.setDefaultTimeout(10_000);
  const ad = await adminContext.newPage();
  watchPage(ad, problems);
  const newUser = `temp${randomLetters(6)}`;
  const newPassword = `pw-${randomLetters(12)}`;
  let userContext = null;
  let u = null;

  await step('admin signs in and opens Administration → Users', async () => {
    await ad.goto('/signin');
    await ad.getByLabel('Username').fill('admin');
    await ad.getByLabel('Password').fill('demo-password');
    await ad.getByRole('button', { name: 'Sign in' }).click();
    await ad.waitForURL(/\/queue\//);
    await ad.getByRole('link', { name: 'Administration' }).click();
    await ad.waitForURL(/\/admin\/users$/);
    await ad.locator('tr[data-user=agent]').waitFor();
    assert(await ad.locator('tr[data-user=admin] [data-test=toggle]').isDisabled(), 'own row can be disabled');
    assert((await ad.title()) === 'Users · Heed', `window title is "${await ad.title()}"`);
  });

  await step('admin adds a user', async () => {
    await ad.locator('#new-username').fill(newUser);
    await ad.locator('#new-role').selectOption('agent');
    await ad.locator('#new-team').fill('一线客服组');
    await ad.locator('#new-password').fill(newPassword);
    await ad.locator('[data-test=add-submit]').click();
    await ad.locator('[data-test=notice]', { hasText: `User ${newUser} added.` }).waitFor();
    await ad.locator(`tr[data-user=${newUser}] [data-test=status]`, { hasText: 'Active' }).waitFor();
    await shot(ad, 'admin-users-en');
  });

  await step('the new user signs in in a second browser', async () => {
    userContext = await browser.newContext({ ...desk, locale: 'en-US', baseURL: base });
    userContext.setDefaultTimeout(10_000);
    u = await userContext.newPage();
    watchPage(u, problems);
    await u.goto('/queue/mine');
    await u.waitForURL(/\/signin\?next=/);
    await u.getByLabel('Username').fill(newUser);
    await u.getByLabel('Password').fill(newPassword);
    await u.getByRole('button', { name: 'Sign in' }).click();
    await u.waitForURL(/\/queue\/mine/);
    await u.getByRole('heading', { name: 'Queues' }).waitFor();
    assert(!(await u.getByRole('link', { name: 'Administration' }).count()), 'an agent sees Administration');
  });

  await step('admin disables the user after confirming; their next action goes to sign-in', async () => {
    await ad.locator(`tr[data-user=${newUser}] [data-test=toggle]`).click();
    await ad.locator('[data-test=confirm]', { hasText: `Disable ${newUser}?` }).waitFor();
    await shot(ad, 'admin-users-confirm-en');
    await ad.locator('[data-test=confirm-toggle]').click();
    await ad.locator(`tr[data-user=${newUser}] [data-test=status]`, { hasText: 'Disabled' }).waitFor();
    await u.getByRole('link', { name: 'All open' }).click();
    await u.waitForURL(/\/signin\?.*expired=1/);
    await u.getByText('Your session has ended').waitFor();
    await u.getByLabel('Username').fill(newUser);
    await u.getByLabel('Password').fill(newPassword);
    await u.getByRole('button', { name: 'Sign in' }).click();
    await u.locator('[data-test=signin-error]').waitFor();
  });

  await step('the users page in Chinese', async () => {
    await ad.getByRole('button', { name: '中文' }).click();
    await ad.locator(`tr[data-user=${newUser}] [data-test=status]`, { hasText: '已停用' }).waitFor();
    await ad.getByRole('heading', { name: '本组织的用户' }).waitFor();
    await shot(ad, 'admin-users-zh');
  });

  await step('data protection page shows the retention policy (zh, then en)', async () => {
    await ad.getByRole('link', { name: '数据保护' }).click();
    await ad.waitForURL(/\/admin\/data-protection$/);
    await ad.locator('[data-test=policy]').waitFor();
    await shot(ad, 'admin-data-zh');
    await ad.getByRole('button', { name: 'English' }).click();
    await ad.getByRole('heading', { name: 'Retention policy' }).waitFor();
    await shot(ad, 'admin-data-en');
  });

  await step('admin previews an erasure for the customer’s phone, then applies it', async () => {
    await ad.getByLabel('Customer’s phone or e-mail').fill(customerPhone);
    await ad.getByLabel('Reason (for the audit log)').fill('Customer asked by phone to be forgotten');
    await ad.locator('[data-test=erasure-preview]').click();
    const result = ad.locator('[data-test=erasure-result]');
    await result.locator('li', { hasText: number }).waitFor();
    await result.getByText('Complaints affected: 1').waitFor();
    await shot(ad, 'admin-erasure-preview-en');
    await ad.locator('[data-test=erasure-confirm]').click();
    await ad.locator('[data-test=erasure-notice]', { hasText: 'Personal data erased. Complaints changed: 1' }).waitFor();
  });

  await step('the complaint page then shows [erased]', async () => {
    await ad.goto(complaintPath);
    await ad.locator('[data-test=number]', { hasText: number }).waitFor();
    await ad.locator('[data-test=customer]', { hasText: '[erased]' }).waitFor();
    assert(!(await ad.locator('main').textContent()).includes(customerPhone), 'the phone is still shown');
    assert(!(await ad.locator('main').textContent()).includes(token), 'the customer’s text is still shown');
    await shot(ad, 'complaint-erased-en');
  });

  await step('audit verification shows the chain intact (en and zh)', async () => {
    await ad.getByRole('link', { name: 'Administration' }).click();
    await ad.getByRole('link', { name: 'Audit log' }).click();
    await ad.waitForURL(/\/admin\/audit$/);
    await ad.locator('[data-test=verify]').click();
    await ad.locator('[data-test=audit-result][data-ok=true]', { hasText: 'The audit log is intact.' }).waitFor();
    const records = Number((await ad.locator('[data-test=audit-records]').textContent()).replace(/[^\d]/g, ''));
    assert(records > 0, `audit records: ${records}`);
    await shot(ad, 'admin-audit-en');
    await ad.getByRole('button', { name: '中文' }).click();
    await ad.getByText('审计日志完整无误。').waitFor();
    await shot(ad, 'admin-audit-zh');
  });

  await step('text models: the models in use per field, the category model retrained from the labels (zh, en)', async () => {
    await ad.getByRole('link', { name: '文本模型' }).click();
    await ad.waitForURL(/\/admin\/text-models$/);
    // The demo trained the tenant's category model; the other fields use the shipped defaults per language.
    await ad.locator('[data-field=category] [data-test=model-source]', { hasText: '本租户自己的模型' }).waitFor();
    await ad.locator('[data-field=urgency] [data-test=model-source]', { hasText: '默认模型（zh）' }).waitFor();
    await shot(ad, 'admin-text-models-zh');
    await ad.getByRole('button', { name: 'English' }).click();
    await ad.locator('[data-test=train-category]').click();
    // The button says training is running until the answer comes; then the result and the tenant's model in use.
    const trained = ad.locator('[data-test=trained-category]');
    await trained.waitFor({ timeout: 60_000 });
    const text = await trained.textContent();
    assert(/Trained on \d+ complaints/.test(text), `training result: ${text}`);
    await ad.locator('[data-field=category] [data-test=model-source]', { hasText: 'This tenant’s own model' }).waitFor();
    await shot(ad, 'admin-text-models-en');
  });

  // ---- The manager: the dashboard, a drill-down to the complaints, the monthly report ----
  const managerContext = await browser.newContext({ ...desk, locale: 'en-US', baseURL: base });
  managerContext.setDefaultTimeout(15_000);
  const m = await managerContext.newPage();
  watchPage(m, problems);
  const receivedCount = async () =>
    Number((await m.locator('[data-test=received]').textContent()).replace(/[^\d]/g, ''));
  let received = 0;

  await step('manager signs in and opens the dashboard: KPI cards against targets and the forecast', async () => {
    await m.goto('/signin');
    await m.getByLabel('Username').fill('manager');
    await m.getByLabel('Password').fill('demo-password');
    await m.getByRole('button', { name: 'Sign in' }).click();
    await m.waitForURL(/\/queue\//);
    await m.getByRole('link', { name: 'Dashboard' }).click();
    await m.waitForURL(/\/dashboard$/);
    await m.getByRole('heading', { name: 'KPIs against targets' }).waitFor();
    await m.locator('[data-test=kpi-card][data-kpi=resolution_rate]').waitFor();
    // Twelve KPIs, and first response and handling time once more in business hours.
    assert((await m.locator('[data-test=kpi-card]').count()) === 14, 'not 14 KPI cards');
    await m.locator('[data-test=kpi-card][data-kpi=handling_time_business]').waitFor();
    const state = await m.locator('[data-kpi=resolution_rate] [data-test=kpi-state]').textContent();
    assert(['Met', 'Not met', 'No data'].includes(state.trim()), `resolution rate state "${state}"`);
    await m.locator('[data-kpi=csat]', { hasText: 'Target ≥ 4.20' }).waitFor();
    received = await receivedCount();
    assert(received >= 2, `this month received ${received}, yet the scenario filed two today`);
    await m.locator('[data-test=breakdown] tbody tr').first().waitFor();
    await m.locator('[data-test=forecast-chart] canvas').waitFor();
    assert((await m.title()) === 'Dashboard · Heed', `window title is "${await m.title()}"`);
    await shot(m, 'dashboard-en');
  });

  await step('the KPI moves on the dashboard when a customer files a complaint', async () => {
    await c.goto('/complain');
    await c.getByRole('button', { name: 'English' }).click();
    await c.getByLabel('Your name').fill('李四');
    await c.getByLabel('Mobile phone').fill(`137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);
    await c.getByLabel('Subject').fill(`售后电话一直打不通 ${token}`);
    await c.getByLabel('What happened?').fill('售后电话一直打不通，等了三天也没有人回电。');
    await c.getByRole('button', { name: 'Submit complaint' }).click();
    await c.locator('[data-test=tracking-number]').waitFor();
    await m.reload();
    await m.locator('[data-test=received]').waitFor();
    const now = await receivedCount();
    assert(now === received + 1, `received went from ${received} to ${now}, not up by one`);
  });

  await step('manager drills into a figure and opens a complaint behind it', async () => {
    await m.locator('[data-kpi=repeat_rate] a[data-test=kpi-value]').click();
    await m.waitForURL(/\/dashboard\/drill\?.*kpi=repeat_rate/);
    await m.getByRole('heading', { name: 'Complaints behind Repeat complaints' }).waitFor();
    const total = Number((await m.locator('[data-test=drill-total]').textContent()).replace(/\(.*$/, '').replace(/[^\d]/g, ''));
    assert(total === received + 1, `the drill-down lists ${total} complaints, the card's sample is ${received + 1}`);
    await m.locator('[data-test=drill-table] a', { hasText: number }).waitFor();
    await shot(m, 'dashboard-drill-en');
    await m.locator('[data-test=drill-table] a', { hasText: number }).click();
    await m.waitForURL(/\/complaints\/\d+$/);
    await m.locator('[data-test=number]', { hasText: number }).waitFor();
    await m.goBack();
    await m.getByRole('link', { name: 'Back to the dashboard' }).click();
    await m.waitForURL(/\/dashboard/);
    await m.locator('[data-test=kpi-card]').first().waitFor();
  });

  await step('a breakdown figure opens the complaints of its group', async () => {
    await m.locator('[data-test=group-by]').selectOption('channel');
    await m.waitForURL(/group_by=channel/);
    const link = m.locator('[data-test=breakdown] tbody tr a').first();
    await link.waitFor();
    await link.click();
    await m.waitForURL(/\/dashboard\/drill\?.*group_by=channel/);
    await m.locator('[data-test=drill-group]').waitFor();
    await m.locator('[data-test=drill-table] tbody tr').first().waitFor();
    await m.goBack();
  });

  await step('the monthly report answers 200 in HTML and XLSX', async () => {
    await m.locator('[data-test=report-view]').waitFor();
    for (const selector of ['[data-test=report-view]', '[data-test=report-xlsx]', '[data-test=report-html]']) {
      const href = await m.locator(selector).getAttribute('href');
      const response = await managerContext.request.get(href);
      assert(response.status() === 200, `${href} answered ${response.status()}`);
      const type = response.headers()['content-type'] ?? '';
      assert(selector.includes('xlsx') ? /spreadsheetml/.test(type) : /text\/html/.test(type), `${href} is ${type}`);
    }
    const popup = m.waitForEvent('popup');
    await m.locator('[data-test=report-view]').click();
    const report = await popup;
    await report.waitForLoadState();
    assert((await report.content()).length > 1000, 'the report page is empty');
    await report.close();
  });

  await step('the dashboard in Chinese', async () => {
    await m.getByRole('button', { name: '中文' }).click();
    await m.getByRole('heading', { name: '关键指标与目标' }).waitFor();
    await m.locator('[data-test=kpi-card][data-kpi=csat]', { hasText: '目标' }).waitFor();
    const href = await m.locator('[data-test=report-view]').getAttribute('href');
    assert(href.includes('lang=zh'), `report link ${href} is not in Chinese`);
    await m.locator('[data-test=period-last-month]').click();
    await m.waitForURL(/period=last-month/);
    await m.locator('[data-test=kpi-card]').first().waitFor();
    await shot(m, 'dashboard-zh');
    await m.getByRole('button', { name: 'English' }).click();
  });


  // ---- SLA, escalation, compensation: a team lead and an agent ----
  const leadContext = await browser.newContext({ ...desk, locale: 'en-US', baseURL: base });
  leadContext.setDefaultTimeout(10_000);
  const l = await leadContext.newPage();
  watchPage(l, problems);
  const agent2Context = await browser.newContext({ ...desk, locale: 'en-US', baseURL: base });
  agent2Context.setDefaultTimeout(10_000);
  const g = await agent2Context.newPage();
  watchPage(g, problems);
  const signInAs = async (page, username) => {
    await page.goto('/signin');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/queue\//);
  };
  let breachedId = 0;

  await step('a breached complaint is in the Breached queue with its badge (en and zh)', async () => {
    await signInAs(l, 'lead');
    // One the lead can escalate further: breached, below the top of the chain.
    breachedId = await l.evaluate(async () => {
      const page = await (await fetch('/api/v1/complaints?sla_state=breached&sort=due_asc&limit=50' +
        '&status=new,triaged,assigned,in_progress,reopened,waiting_customer,waiting_department')).json();
      const found = page.items.find((c) => c.sla.escalation_level !== 'director');
      return found ? found.id : 0;
    });
    assert(breachedId > 0, 'the demo has no breached complaint below the top of the escalation chain');
    await l.getByRole('link', { name: 'Breached' }).click();
    await l.waitForURL(/\/queue\/breached/);
    const row = l.locator(`table.queue-table tbody tr[data-id="${breachedId}"]`);
    await row.waitFor();
    await row.locator('[data-test=sla-badge][data-sla=breached]', { hasText: 'Breached' }).waitFor();
    await row.locator('[data-test=countdown][data-tone=breached]').waitFor();
    const rows = await l.locator('table.queue-table tbody tr').count();
    const badges = await l.locator('table.queue-table tbody tr [data-sla=breached]').count();
    assert(rows > 0 && badges === rows, `breached queue: ${rows} rows, ${badges} breached badges`);
    await shot(l, 'queue-breached-en');
    await l.getByRole('button', { name: '中文' }).click();
    await l.getByRole('link', { name: '已超时' }).first().waitFor();
    await row.locator('[data-sla=breached]', { hasText: '已超时' }).waitFor();
    await shot(l, 'queue-breached-zh');
    await l.getByRole('button', { name: 'English' }).click();
  });

  await step('the complaint page shows the SLA clocks; the lead escalates it with a reason', async () => {
    await l.locator(`table.queue-table tbody tr[data-id="${breachedId}"] td.subject a`).click();
    await l.waitForURL(new RegExp(`/complaints/${breachedId}$`));
    const panel = l.locator('[data-test=sla-panel]');
    await panel.locator('[data-clock=first_response]').waitFor();
    await panel.locator('tr[data-state=breached]').first().waitFor();
    await panel.locator('[data-test=countdown]', { hasText: /overdue by|met late/ }).first().waitFor();
    const before = await panel.locator('[data-test=escalation-level]').getAttribute('data-level');
    await panel.locator('[data-test=escalate]').click();
    await l.getByLabel('Why escalate?').fill('客户第三次来电，要求主管处理');
    await panel.locator('[data-test=confirm-escalate]').click();
    await panel.locator('[data-test=escalated]').waitFor();
    await panel.locator('[data-test=escalation-reason]', { hasText: '要求主管处理' }).waitFor();
    const after = await panel.locator('[data-test=escalation-level]').getAttribute('data-level');
    const order = ['agent', 'team_lead', 'manager', 'director'];
    assert(order.indexOf(after) === order.indexOf(before) + 1, `escalation went from ${before} to ${after}`);
    await l.locator('.timeline li[data-kind=escalated]').first().waitFor();
    await shot(l, 'complaint-sla-en');
    await l.getByRole('button', { name: '中文' }).click();
    await panel.getByText('升级级别', { exact: true }).waitFor();
    await shot(l, 'complaint-sla-zh');
    await l.getByRole('button', { name: 'English' }).click();
  });

  await step('an agent requests compensation on the phone complaint', async () => {
    assert(intakePath, 'no intake complaint');
    await signInAs(g, 'agent');
    await g.goto(intakePath);
    const panel = g.locator('[data-test=comp-panel]');
    await panel.locator('[data-test=comp-request]').click();
    await g.getByLabel('Kind').selectOption('refund');
    await g.getByLabel('Amount').fill('150');
    await g.getByLabel('Reason', { exact: true }).fill('重复扣款，退还一笔');
    await panel.locator('[data-test=comp-submit]').click();
    await panel.locator('[data-test=comp-notice]', { hasText: 'Team lead' }).waitFor();
    await panel.locator('[data-status=pending] [data-test=comp-status]', { hasText: 'Pending approval' }).waitFor();
    assert(!(await panel.locator('[data-test=approve]').count()), 'an agent is offered approval');
    await shot(g, 'complaint-compensation-en');
  });

  await step('the lead cannot approve their own request; the refusal is shown', async () => {
    await l.goto(intakePath);
    const panel = l.locator('[data-test=comp-panel]');
    await panel.locator('[data-test=comp-request]').click();
    await l.getByLabel('Amount').fill('20');
    await l.getByLabel('Reason', { exact: true }).fill('赠送优惠券致歉');
    await l.getByLabel('Kind').selectOption('coupon');
    await panel.locator('[data-test=comp-submit]').click();
    const own = panel.locator('li[data-status=pending]', { hasText: 'Your own request' });
    await own.waitFor();
    await own.locator('[data-test=approve]').click();
    await own.locator('[data-test=decision-error]').waitFor();
    assert(await own.locator('[data-test=comp-status]', { hasText: 'Pending approval' }).count() === 1, 'own request changed');
    await shot(l, 'compensation-self-refused-en');
  });

  await step('the lead approves the agent’s request from Approvals (en, zh)', async () => {
    await l.getByRole('link', { name: 'Approvals' }).click();
    await l.waitForURL(/\/approvals$/);
    const row = l.locator('tr', { hasText: '重复扣款' });
    await row.waitFor();
    await shot(l, 'approvals-en');
    await row.getByPlaceholder('Reason for the decision').fill('核实重复扣款属实');
    await row.locator('[data-test=approve]').click();
    await l.locator('[data-test=approvals-notice]', { hasText: /Compensation for TS\d{12} approved/ }).waitFor();
    await l.locator('[data-filter=approved]').click();
    await l.locator('tr', { hasText: '重复扣款' }).waitFor();
    await l.getByRole('button', { name: '中文' }).click();
    await l.getByRole('heading', { name: '补偿审批' }).waitFor();
    await shot(l, 'approvals-zh');
    await g.reload();
    await g.locator('[data-test=comp-panel] li[data-status=approved]', { hasText: '重复扣款' }).waitFor();
  });

  await step('the survey page works on a phone in both languages and takes one answer', async () => {
    // The lead sends a satisfaction survey for the escalated complaint (a Chinese customer); the customer opens
    // the link on the phone.
    const url = await l.evaluate(async (id) => {
      const session = await (await fetch('/api/v1/session')).json();
      const answer = await fetch('/api/v1/surveys', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
        body: JSON.stringify({ complaint_id: id }),
      });
      return (await answer.json()).url;
    }, breachedId);
    assert(/^\/s\//.test(url ?? ''), `survey link: ${url}`);
    await c.goto(url);
    await c.getByRole('heading', { name: '满意度调查' }).waitFor();
    await shot(c, 'survey-zh');
    await assertFitsWidth(c, 'survey-zh');
    await c.getByRole('link', { name: 'English' }).click();
    await c.getByRole('heading', { name: 'Satisfaction survey' }).waitFor();
    assert((await c.locator('html').getAttribute('lang')) === 'en', 'survey page not in English');
    await assertFitsWidth(c, 'survey-en');
    await c.locator('input[name=csat][value="5"]').check();
    await c.locator('input[name=nps][value="9"]').check();
    await shot(c, 'survey-en');
    await c.getByRole('button', { name: 'Submit' }).click();
    await c.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
    const csat = await l.evaluate(async (id) => (await (await fetch(`/api/v1/complaints/${id}`)).json()).feedback.csat,
                                  breachedId);
    assert(csat === 5, `the complaint's CSAT is ${csat}`);
  });

  await step('follow-up queues open for the agent (day 3, day 7)', async () => {
    await g.getByRole('link', { name: 'Follow-ups' }).click();
    await g.waitForURL(/\/followups\/day3/);
    await g.getByLabel('Whose').selectOption('all');
    await g.getByLabel('When').selectOption('overdue');
    await g.locator('table.queue-table tbody tr, [data-test=empty]').first().waitFor();
    await shot(g, 'followups-en');
    await g.locator('[data-kind=day7]').click();
    await g.waitForURL(/\/followups\/day7/);
    await g.locator('table.queue-table tbody tr, [data-test=empty]').first().waitFor();
  });

  await step('the admin edits an SLA policy and adds one (en, zh)', async () => {
    await ad.getByRole('button', { name: 'English' }).click();
    await ad.goto('/admin/sla');
    await ad.getByRole('heading', { name: 'SLA policies' }).waitFor();
    // The demo's policies (urgent, vip, general) are listed; general gets a next-update target and a longer
    // resolution time.
    const general = ad.locator('tr[data-policy=general]');
    await general.locator('[data-test=policy-edit]').click();
    await ad.getByLabel('Resolution (hours)').fill('72');
    await ad.getByLabel('Next update (hours)').fill('8');
    await ad.locator('[data-test=policy-save]').click();
    await ad.locator('[data-test=notice]', { hasText: 'Policies saved (general)' }).waitFor();
    await general.locator('[data-test=target-resolution]', { hasText: '72' }).waitFor();
    // A policy for VIP customers of the app, added last, then moved above the catch-all.
    await ad.locator('[data-test=policy-add]').click();
    await ad.getByLabel('Name').first().fill('vip-app');
    await ad.getByLabel('First response (hours)').fill('1');
    await ad.getByLabel('Resolution (hours)').fill('12');
    await ad.getByRole('checkbox', { name: 'VIP', exact: true }).check();
    await ad.locator('[data-test=policy-save]').click();
    await ad.locator('tr[data-policy=vip-app]').waitFor();
    await ad.getByRole('button', { name: 'Move vip-app up' }).click();
    await ad.waitForFunction(() => [...document.querySelectorAll('tr[data-policy]')].map((r) => r.dataset.policy).join() === 'urgent,vip,vip-app,general');
    const saved = await ad.evaluate(async () => (await (await fetch('/api/v1/sla-policies')).json()).policies);
    assert(saved.map((p) => p.name).join() === 'urgent,vip,vip-app,general', `stored order: ${saved.map((p) => p.name)}`);
    const g2 = saved.find((p) => p.name === 'general');
    assert(g2.targets.resolution_minutes === 72 * 60 && g2.targets.next_update_minutes === 480,
           `stored general policy: ${JSON.stringify(g2)}`);
    assert(saved.find((p) => p.name === 'vip-app').conditions.tier.join() === 'vip', 'vip condition not stored');
    await shot(ad, 'admin-sla-en');
    await ad.getByRole('button', { name: '中文' }).click();
    await ad.getByRole('heading', { name: 'SLA 策略', exact: true }).waitFor();
    await shot(ad, 'admin-sla-zh');
  });

  await step('the admin adds a team and edits it (zh, en)', async () => {
    await ad.getByRole('link', { name: '团队与技能' }).click();
    await ad.waitForURL(/\/admin\/teams$/);
    await ad.locator('[data-test=team-add]').click();
    await ad.getByLabel('名称').fill('投诉升级组');
    await ad.getByLabel('组长').fill('lead');
    await ad.locator('[data-test=team-save]').click();
    const row = ad.locator('tr[data-team="投诉升级组"]');
    await row.locator('[data-test=team-lead]', { hasText: 'lead' }).waitFor();
    await shot(ad, 'admin-teams-zh');
    await ad.getByRole('button', { name: 'English' }).click();
    await row.locator('[data-test=team-edit]').click();
    await ad.getByLabel('Team lead').fill('manager');
    await ad.getByLabel('This is a department (receives hand-offs)').check();
    await ad.locator('[data-test=team-save]').click();
    await ad.locator('[data-test=notice]', { hasText: 'Team 投诉升级组 saved.' }).waitFor();
    await row.locator('[data-test=team-lead]', { hasText: 'manager' }).waitFor();
    await row.getByText('Department').waitFor();
    await shot(ad, 'admin-teams-en');
  });

  const more = await moreScenario({ browser, base, step, shot, watch: (page) => watchPage(page, problems), outDir });
  await more.context.close();

  await leadContext.close();
  await agent2Context.close();

  await customer.close();
  await agentContext.close();
  await adminContext.close();
  await managerContext.close();
  if (userContext) await userContext.close();
  return passed;
}
