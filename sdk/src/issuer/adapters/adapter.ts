// The one adapter interface of the issuer service: authenticate the person at the source → read
// the source → derive attributes (bands) → the service signs. Each source (Ethereum, a bank, a
// loyalty program, the pod profile) is one module that fills it in.
import type { AuthenticationStart, PreviewAttribute } from '../../protocol/issuance.ts';

/** What an adapter sees of an issuance session. */
export type SourceSession = {
  id: string;
  /** 32 random letters and digits, one per session: SIWE nonces and state parameters use it. */
  nonce: string;
  /** Where the source returns the browser to the issuer (redirect flows). */
  callbackUrl: string;
  /** The adapter's own state for this session (a consent id), kept until the session ends. */
  state: Record<string, string>;
};

/** What came back from the source: a form or message body, or the query of a redirect. */
export type AuthenticationInput = { body?: unknown; query?: Record<string, string> };

export type IssuerAdapter<Login = unknown, Source = unknown> = {
  id: string;
  name: string;
  /** Plain words for the wallet: where the attributes come from. */
  description: string;
  /** The person's own statement (the pod profile): credentials say so and merchants see it. */
  selfAsserted: boolean;
  /** Vocabulary attribute ids this adapter may issue. */
  attributes: readonly string[];
  /** How long issued credentials live; short, so a source that stops agreeing stops them (renewal). */
  validForSeconds: number;
  /** 1a. What the person must do at the source in this session. */
  startAuthentication(session: SourceSession): Promise<AuthenticationStart>;
  /** 1b. Checks what came back; throws a typed error naming what was wrong. */
  authenticate(session: SourceSession, input: AuthenticationInput): Promise<Login>;
  /** 2. Reads the source for the signed-in person. */
  read(login: Login): Promise<Source>;
  /** 3. Bands only: what the issuer will sign, in words too. */
  derive(source: Source, now: number): PreviewAttribute[];
  /**
   * Renewal without the person, where the source allows it (docs/issuer.md § Renewal): what to
   * seal into the wallet's grant after a sign-in, and how to sign in again from it — asking the
   * source whether it still agrees (a consent still valid), throwing a typed error when not.
   */
  renewal?: {
    grantFor(login: Login, now: number): { data: Record<string, string>; until: number } | undefined;
    resume(data: Record<string, string>, now: number): Promise<Login>;
  };
};

/** An adapter with its types erased, so a service can hold several. */
export type AnyIssuerAdapter = IssuerAdapter<unknown, unknown>;

/** @since 0.2.0 */
export function defineAdapter<Login, Source>(adapter: IssuerAdapter<Login, Source>): AnyIssuerAdapter {
  return {
    ...adapter,
    authenticate: (session, input) => adapter.authenticate(session, input),
    read: (login) => adapter.read(login as Login),
    derive: (source, now) => adapter.derive(source as Source, now),
    ...(adapter.renewal
      ? {
          renewal: {
            grantFor: (login, now) => adapter.renewal?.grantFor(login as Login, now),
            resume: (data, now) => (adapter.renewal as NonNullable<typeof adapter.renewal>).resume(data, now),
          },
        }
      : {}),
  };
}
