import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MsalHttpAuth, MsalHttpError, MsalHttpEvents } from 'ngx-msal-http';

/**
 * Sign-in state and buttons. `MsalHttpAuth` signs in with the configured consentScopes and keeps
 * msal-browser's active account current; `account()` is a signal, so the panel just reads it.
 */
@Component({
  selector: 'demo-sign-in-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Account</h2>
    <p>
      @if (auth.account(); as account) {
        Signed in as <strong data-account>{{ account.username }}</strong>
      } @else {
        <span data-account-none>Not signed in.</span>
      }
      <span class="status"
        >msal-browser: <code data-in-progress>{{ events.inProgress() }}</code></span
      >
    </p>
    <p class="buttons">
      <button type="button" data-action="login-popup" (click)="loginPopup()">Sign in (popup)</button>
      <button type="button" data-action="login-redirect" (click)="loginRedirect()">Sign in (redirect)</button>
      <button type="button" data-action="logout" [disabled]="!auth.account()" (click)="logout()">Sign out</button>
      <button type="button" data-action="logout-popup" [disabled]="!auth.account()" (click)="logoutPopup()">Sign out (popup)</button>
    </p>
    @if (error(); as message) {
      <p class="error" data-sign-in-error>{{ message }}</p>
    }
  `,
})
export class SignInPanelComponent {
  protected readonly auth = inject(MsalHttpAuth);
  protected readonly events = inject(MsalHttpEvents);
  protected readonly error = signal<string | null>(null);

  protected loginPopup(): void {
    this.attempt(this.auth.loginPopup());
  }

  /** The page leaves for the provider; the library's startup finishes the sign-in when it comes back. */
  protected loginRedirect(): void {
    this.attempt(this.auth.loginRedirect());
  }

  /**
   * Signs out at the provider too (a redirect there and back), which clears msal's cache. With a
   * plain OpenID provider the library names the client (client_id), without which the provider
   * would not send the user back to postLogoutRedirectUri.
   */
  protected logout(): void {
    this.attempt(this.auth.logout());
  }

  /** The same in a popup, which comes back to the redirect bridge page and closes. */
  protected logoutPopup(): void {
    this.attempt(this.auth.logout({ popup: true }));
  }

  private attempt(action: Promise<unknown>): void {
    this.error.set(null);
    action.catch((error: unknown) => this.error.set(error instanceof MsalHttpError ? error.message : String(error)));
  }
}
