import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';

// Before ng add: check-angular-22.mjs runs `ng generate ngx-msal-http:ng-add`, which adds
// HttpClient with msalHttpInterceptor and provideMsalHttp({...}) here.
export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners()],
};
