/** Options of `ng add ngx-msal-http`; mirrors ./schema.json. */
export interface NgAddOptions {
  /** The application to set up; defaults to the workspace's only application. */
  readonly project?: string;
  /** `'entra'` (default) or `'oidc'` for any other OpenID Connect provider. */
  readonly provider?: 'entra' | 'oidc';
  /** The app registration's client id; a placeholder when absent. */
  readonly clientId?: string;
  /** The https authority (Entra: `https://login.microsoftonline.com/<tenant>`; OIDC: the issuer). */
  readonly authority?: string;
  /** The protected API's URL, the protectedResourceMap key. */
  readonly apiUrl?: string;
  /** The API's scopes, comma separated. */
  readonly apiScopes?: string;
  /** Leave `npm install` to the user after package.json changed. */
  readonly skipInstall?: boolean;
}
