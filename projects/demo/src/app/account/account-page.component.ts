import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Routes } from '@angular/router';
import { MsalHttpAuth, msalHttpGuard } from 'ngx-msal-http';

/**
 * A page only a signed-in user reaches: `msalHttpGuard()` waits for msal-browser's startup and
 * signs the user in (with the demo's interaction type) before the router shows it.
 */
@Component({
  selector: 'demo-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Account (guarded route)</h2>
    <p data-page="account">
      Signed in as <strong data-account-page-user>{{ auth.account()?.username }}</strong>; the id token names
      <code>{{ claimNames() }}</code>.
    </p>
  `,
})
export class AccountPageComponent {
  protected readonly auth = inject(MsalHttpAuth);
  protected readonly claimNames = computed(() => Object.keys(this.auth.account()?.idTokenClaims ?? {}).join(', '));
}

/** The demo's routes: the main page has none of its own; `/account` is guarded. */
export const DEMO_ROUTES: Routes = [{ path: 'account', component: AccountPageComponent, canActivate: [msalHttpGuard()] }];
