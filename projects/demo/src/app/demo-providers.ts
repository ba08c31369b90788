import {
  EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
  provideZonelessChangeDetection,
} from '@angular/core';

import { provideRouter } from '@angular/router';

import { DEMO_ROUTES } from './account/account-page.component';
import { DEMO_SETTINGS, DemoSettings } from './demo-settings';
import { EventLog } from './events/event-log';

/**
 * What both variants provide besides ngx-msal-http and HttpClient: the settings, zoneless change
 * detection (signals drive the view), the router (one guarded route, `/account`), and the event log, started by an initializer so that it is
 * listening before msal-browser's startup events (the events stream is hot).
 */
export function provideDemo(settings: DemoSettings): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: DEMO_SETTINGS, useValue: settings },
    provideZonelessChangeDetection(),
    provideRouter(DEMO_ROUTES),
    provideAppInitializer(() => {
      inject(EventLog);
    }),
  ]);
}
