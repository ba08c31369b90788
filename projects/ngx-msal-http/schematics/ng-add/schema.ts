/** Options of `ng add ngx-msal-http`; mirrors ./schema.json. */
export interface NgAddOptions {
  /** The application to set up; defaults to the workspace's only application. */
  readonly project?: string;
  /** Leave `npm install` to the user after package.json changed. */
  readonly skipInstall?: boolean;
}
