import {
  EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
  provideZonelessChangeDetection,
} from '@angular/core';

import { DEMO_SETTINGS, DemoSettings } from './demo-settings';
import { EventLog } from './events/event-log';

/**
 * What both variants provide besides ngx-msal-http and HttpClient: the settings, zoneless change
 * detection (signals drive the view), and the event log, started by an initializer so that it is
 * listening before msal-browser's startup events (the events stream is hot).
 */
export function provideDemo(settings: DemoSettings): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: DEMO_SETTINGS, useValue: settings },
    provideZonelessChangeDetection(),
    provideAppInitializer(() => {
      inject(EventLog);
    }),
  ]);
}
