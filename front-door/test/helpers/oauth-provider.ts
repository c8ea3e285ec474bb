import type { OAuthStack } from '../../../scripts/lib/oauth-stack.ts';
import { ScriptedBrowser, signInAndConsent } from './browser.ts';

type Stored = Record<string, unknown>;

/**
 * The app side of the official SDKs' OAuth (`OAuthClientProvider`, the same shape in 1.x and 2.x): keeps
 * what the SDK hands it, and when the SDK sends the user to the authorization URL, the scripted browser
 * signs in and answers the consent page (unticking `uncheck`). `landed` is where the browser ended: the
 * redirect URI with code, state and iss.
 */
export class BrowserOAuthProvider {
  client: Stored | undefined;
  saved: Stored | undefined;
  discovery: Stored | undefined;
  verifier = '';
  landed: URL | undefined;
  uncheck: string[] = [];
  readonly browser = new ScriptedBrowser();
  readonly #stack: OAuthStack;
  readonly #redirect: string;
  readonly #name: string;
  readonly #state: string;

  constructor(stack: OAuthStack, options: { redirect: string; clientName: string; state: string }) {
    this.#stack = stack;
    this.#redirect = options.redirect;
    this.#name = options.clientName;
    this.#state = options.state;
  }
  get redirectUrl() {
    return this.#redirect;
  }
  get clientMetadata() {
    return { client_name: this.#name, redirect_uris: [this.#redirect], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  state() {
    return this.#state;
  }
  clientInformation() {
    return this.client as never;
  }
  saveClientInformation(info: object) {
    this.client = info as Stored;
  }
  tokens() {
    return this.saved as never;
  }
  saveTokens(tokens: object) {
    this.saved = tokens as Stored;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: object) {
    this.discovery = state as Stored;
  }
  discoveryState() {
    return this.discovery as never;
  }
  async redirectToAuthorization(url: URL) {
    const redirect = this.#redirect;
    this.landed = await signInAndConsent(this.browser, url.href, { ...this.#stack.user, isClientRedirect: (u) => u.href.startsWith(redirect), uncheck: this.uncheck });
  }
}
