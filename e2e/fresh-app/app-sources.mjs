// What a user writes in a new app after `ng add ngx-msal-http`: a page with sign-in and sign-out
// buttons and one API call, and the routes. Only these files are written: the configuration,
// the redirect bridge and angular.json stay exactly as ng add made them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A page any user could write: buttons calling MsalHttpAuth, one HttpClient call, the account. */
const home = (apiUrl) => `import { HttpClient } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MsalHttpAuth } from 'ngx-msal-http';

@Component({
  selector: 'app-home',
  imports: [RouterLink],
  template: \`
    <p>Signed in as <span data-account>{{ auth.account()?.username ?? '(nobody)' }}</span></p>
    <button data-action="login-popup" (click)="run('sign-in', auth.loginPopup())">Sign in (popup)</button>
    <button data-action="login-redirect" (click)="run('sign-in', auth.loginRedirect())">Sign in (redirect)</button>
    <button data-action="logout-popup" (click)="run('sign-out', auth.logout({ popup: true }))">Sign out</button>
    <button data-action="logout-redirect" (click)="run('sign-out', auth.logout())">Sign out (redirect)</button>
    <button data-action="call-api" (click)="callApi()">Call the API</button>
    <a data-action="orders" routerLink="/orders">Orders (signed in only)</a>
    <pre data-result [attr.data-state]="result().state" [attr.data-run]="result().run">{{ result().text }}</pre>
  \`,
})
export class Home {
  protected readonly auth = inject(MsalHttpAuth);
  private readonly http = inject(HttpClient);
  protected readonly result = signal({ state: 'idle', text: '', run: 0 });

  protected callApi(): void {
    this.set('pending', 'calling the API');
    this.http.get<{ owner: string }>('${apiUrl}/orders').subscribe({
      next: (body) => this.set('ok', 'orders of ' + body.owner),
      error: (error: unknown) => this.set('error', String((error as { message?: string }).message ?? error)),
    });
  }

  protected run(what: string, action: Promise<unknown>): void {
    this.set('pending', what);
    action.then(
      () => this.set('ok', what + ' done'),
      (error: unknown) => this.set('error', what + ' failed: ' + String((error as { message?: string }).message ?? error)),
    );
  }

  private set(state: string, text: string): void {
    this.result.update((previous) => ({ state, text, run: previous.run + 1 }));
  }
}
`;

const orders = `import { Component, inject } from '@angular/core';
import { MsalHttpAuth } from 'ngx-msal-http';

@Component({
  selector: 'app-orders',
  template: '<h2 data-page="orders">Orders of <span data-orders-account>{{ auth.account()?.username }}</span></h2>',
})
export class Orders {
  protected readonly auth = inject(MsalHttpAuth);
}
`;

/** The route list both shapes use: the orders page only for a signed-in user. */
const routeList = `[
  { path: '', component: Home },
  { path: 'orders', component: Orders, canActivate: [msalHttpGuard()] },
]`;

const routeImports = `import { msalHttpGuard } from 'ngx-msal-http';\n\nimport { Home } from './home';\nimport { Orders } from './orders';\n`;

/**
 * Writes the user's own files into project `name` of the workspace: the two pages, the routes and
 * an App template that is only a router outlet (replacing the CLI's welcome page).
 */
export function writeUserCode(workspace, { name, standalone, apiUrl }) {
  const app = join(workspace, 'projects', name, 'src', 'app');
  write(join(app, 'home.ts'), home(apiUrl));
  write(join(app, 'orders.ts'), orders);
  write(join(app, 'app.html'), '<h1>{{ title }}</h1>\n<router-outlet />\n');
  if (standalone) {
    write(
      join(app, 'app.routes.ts'),
      `import { Routes } from '@angular/router';\n${routeImports}\nexport const routes: Routes = ${routeList};\n`,
    );
    write(
      join(app, 'app.ts'),
      `import { Component } from '@angular/core';\nimport { RouterOutlet } from '@angular/router';\n\n` +
        `@Component({ selector: 'app-root', imports: [RouterOutlet], templateUrl: './app.html' })\n` +
        `export class App {\n  protected readonly title = '${name}';\n}\n`,
    );
  } else {
    write(
      join(app, 'app-routing-module.ts'),
      `import { NgModule } from '@angular/core';\nimport { RouterModule, Routes } from '@angular/router';\n${routeImports}\n` +
        `const routes: Routes = ${routeList};\n\n` +
        `@NgModule({ imports: [RouterModule.forRoot(routes)], exports: [RouterModule] })\nexport class AppRoutingModule {}\n`,
    );
    write(
      join(app, 'app.ts'),
      `import { Component } from '@angular/core';\n\n` +
        `@Component({ selector: 'app-root', standalone: false, templateUrl: './app.html' })\n` +
        `export class App {\n  protected readonly title = '${name}';\n}\n`,
    );
  }
}

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
