import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';

import { ApiCallsComponent } from './api-calls/api-calls.component';
import { DEMO_SETTINGS, DemoVariant } from './demo-settings';
import { EventsPanelComponent } from './events/events-panel.component';
import { KeyMatchesPanelComponent } from './requests/key-matches-panel.component';
import { SignInPanelComponent } from './sign-in/sign-in-panel.component';

const BOOTSTRAP: Record<DemoVariant, string> = {
  standalone: 'bootstrapApplication(AppComponent, { providers: [provideMsalHttp(config), …] })',
  module: 'platformBrowser().bootstrapModule(AppModule), AppModule imports MsalHttpModule.forRoot(config)',
};

/** The page: the same components in both variants; only the bootstrap differs. */
@Component({
  selector: 'demo-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SignInPanelComponent, ApiCallsComponent, EventsPanelComponent, KeyMatchesPanelComponent, RouterLink, RouterOutlet],
  template: `
    <header>
      <h1>ngx-msal-http demo</h1>
      <p>
        Variant <strong data-variant>{{ settings.variant }}</strong>: <code>{{ bootstrap }}</code><br />
        Interaction <strong data-interaction>{{ settings.interactionType }}</strong>, API <code>{{ settings.apiUrl }}</code>, provider
        <code>{{ settings.issuer }}</code>
      </p>
      <nav>
        Switch: <a href="?variant=standalone">standalone</a> · <a href="?variant=module">NgModule</a> ·
        <a [href]="'?variant=' + settings.variant + '&interaction=popup'">popup</a> ·
        <a [href]="'?variant=' + settings.variant + '&interaction=redirect'">redirect</a> ·
        <a [href]="'?variant=' + settings.variant + '&interaction=none'">none</a> ·
        <a routerLink="/account" queryParamsHandling="preserve" data-action="account-page">account page (guarded)</a>
      </nav>
    </header>
    <main>
      <section class="card"><demo-sign-in-panel /></section>
      <section class="card"><demo-api-calls /></section>
      <section class="card"><router-outlet /></section>
      <section class="card wide" data-panel="keys"><demo-key-matches-panel /></section>
      <section class="card wide" data-panel="events"><demo-events-panel /></section>
    </main>
  `,
})
export class AppComponent {
  protected readonly settings = inject(DEMO_SETTINGS);
  protected readonly bootstrap = BOOTSTRAP[this.settings.variant];
}
