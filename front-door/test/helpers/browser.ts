/**
 * A scripted browser over plain HTTP: follows redirects, keeps cookies per host, reads forms from pages
 * and submits them. Enough to walk a user through sign-in and consent the way a real browser would.
 */
export interface Form {
  action: string;
  method: string;
  /** Field values as the page fills them (hidden inputs, checked boxes, text defaults). */
  fields: [string, string][];
  /** Names of the checkboxes, with their values. */
  checkboxes: [string, string][];
}

export interface Page {
  url: string;
  status: number;
  headers: Headers;
  html: string;
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m ? decode(m[1]!) : undefined;
};
const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function formsOf(page: Page): Form[] {
  return [...page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, open, inner]) => {
    const fields: [string, string][] = [];
    const checkboxes: [string, string][] = [];
    for (const [input] of inner!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input, 'name');
      if (!name) continue;
      const type = (attr(input, 'type') ?? 'text').toLowerCase();
      const value = attr(input, 'value') ?? (type === 'checkbox' ? 'on' : '');
      if (type === 'checkbox') {
        checkboxes.push([name, value]);
        if (/\schecked\b/i.test(input)) fields.push([name, value]);
      } else fields.push([name, value]);
    }
    return { action: new URL(attr(open!, 'action') ?? '', page.url).href, method: (attr(open!, 'method') ?? 'get').toUpperCase(), fields, checkboxes };
  });
}

export class ScriptedBrowser {
  readonly #jar = new Map<string, Map<string, string>>();
  /** Every URL the browser was sent to, in order (what a user's address bar showed). */
  readonly visited: string[] = [];
  /** Every page it showed (not redirects), in order. */
  readonly pages: Page[] = [];

  /**
   * A person whose browser lands on a callback that is not listening yet (mcp-remote prints the URL before
   * its callback server is up on a step-up) reloads; so does this browser, for up to 5 s.
   */
  async #fetch(url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetch(url, init);
      } catch (err) {
        const refused = (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
        if (!refused || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  cookies(host: string): Map<string, string> {
    let jar = this.#jar.get(host);
    if (!jar) this.#jar.set(host, (jar = new Map()));
    return jar;
  }

  /** Loads `url`, following redirects, until a page answers or `stopAt` says a URL is the destination (not fetched). */
  async open(url: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}, stopAt?: (url: URL) => boolean): Promise<Page> {
    let current = url;
    let method = init.method ?? 'GET';
    let body: URLSearchParams | undefined = init.body;
    for (let hops = 0; hops < 20; hops++) {
      const target = new URL(current);
      this.visited.push(current);
      if (stopAt?.(target)) return { url: current, status: 0, headers: new Headers(), html: '' };
      const jar = this.cookies(target.host);
      const headers: Record<string, string> = { accept: 'text/html', ...(init.headers ?? {}) };
      if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      if (body) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers.origin = target.origin;
      }
      const response = await this.#fetch(current, { method, headers, redirect: 'manual', ...(body ? { body: body.toString() } : {}) });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair, ...attrs] = cookie.split(';');
        const at = pair!.indexOf('=');
        const name = pair!.slice(0, at).trim();
        const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
        if (expired) jar.delete(name);
        else jar.set(name, pair!.slice(at + 1).trim());
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).href;
        method = 'GET';
        body = undefined;
        continue;
      }
      const page = { url: current, status: response.status, headers: response.headers, html: await response.text() };
      this.pages.push(page);
      return page;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits `form` with `changes` applied (`null` removes a field); `uncheck` drops checkbox values. */
  async submit(form: Form, options: { set?: Record<string, string>; uncheck?: string[]; omit?: string[]; stopAt?: (url: URL) => boolean } = {}): Promise<Page> {
    const body = new URLSearchParams();
    for (const [name, value] of form.fields) {
      if (options.omit?.includes(name)) continue;
      if (options.uncheck?.includes(value) && form.checkboxes.some(([n, v]) => n === name && v === value)) continue;
      if (options.set && name in options.set) continue;
      body.append(name, value);
    }
    for (const [name, value] of Object.entries(options.set ?? {})) body.append(name, value);
    return this.open(form.action, { method: form.method, body }, options.stopAt);
  }
}

/**
 * The user's part of an authorization: open the link, sign in at the identity provider, answer the
 * consent page (unless remembered). Returns where the browser was finally sent (the client's redirect URI).
 */
export async function signInAndConsent(
  browser: ScriptedBrowser,
  authorizationUrl: string,
  options: {
    username: string;
    password: string;
    /** The client's redirect URI: the browser stops before it (the test is the client). */
    isClientRedirect: (url: URL) => boolean;
    /** Or a real client's own callback page: the browser loads it (handing it the code) and is done. */
    isClientPage?: (url: URL) => boolean;
    answer?: 'allow' | 'deny';
    uncheck?: string[];
  },
): Promise<URL> {
  let page = await browser.open(authorizationUrl, {}, options.isClientRedirect);
  for (let step = 0; step < 4 && page.status !== 0; step++) {
    if (options.isClientPage?.(new URL(page.url))) return new URL(page.url);
    const [form] = formsOf(page);
    if (!form) throw new Error(`no form on ${page.url} (HTTP ${page.status}): ${page.html.slice(0, 300)}`);
    if (form.fields.some(([n]) => n === 'password') || /name="password"/.test(page.html)) {
      page = await browser.submit(form, { set: { username: options.username, password: options.password }, stopAt: options.isClientRedirect });
    } else {
      page = await browser.submit(form, { set: { action: options.answer ?? 'allow' }, uncheck: options.uncheck ?? [], stopAt: options.isClientRedirect });
    }
  }
  if (options.isClientPage?.(new URL(page.url))) return new URL(page.url);
  if (page.status !== 0) throw new Error(`sign-in did not end at the client: ${page.url} (HTTP ${page.status})`);
  return new URL(page.url);
}
