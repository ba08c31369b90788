import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig } from '@angular/core';
import { msalHttpInterceptor, provideMsalHttp } from 'ngx-msal-http';

import { demoDpop, demoMsalHttpConfig } from '../demo-msal-http-config';
import { provideDemo } from '../demo-providers';
import { DemoSettings } from '../demo-settings';
import { requestLogInterceptor } from '../requests/request-log';

/**
 * The standalone variant: `bootstrapApplication(AppComponent, appConfig(settings))`.
 * Interceptors run in the order listed: ngx-msal-http attaches the token, then the demo's log
 * records what went out.
 */
export function appConfig(settings: DemoSettings): ApplicationConfig {
  return {
    providers: [
      provideDemo(settings),
      provideHttpClient(withInterceptors([msalHttpInterceptor, requestLogInterceptor])),
      provideMsalHttp(demoMsalHttpConfig(settings), demoDpop(settings)),
    ],
  };
}
