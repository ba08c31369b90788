import { ModuleWithProviders, NgModule } from '@angular/core';

import { MsalHttpConfig } from './config/msal-http-config';
import { MsalHttpFeature } from './msal-http-feature';
import { msalHttpProviders } from './provide-msal-http';

/**
 * Sets ngx-msal-http up in an NgModule app, from the same provider list as `provideMsalHttp`.
 *
 * @example
 * @NgModule({
 *   imports: [
 *     MsalHttpModule.forRoot(
 *       { msal: { auth: { clientId } }, consentScopes: ['user.read'], protectedResourceMap: [['https://graph.microsoft.com/v1.0/me', ['user.read']]] },
 *       withDiInterceptor(),
 *     ),
 *   ],
 *   providers: [provideHttpClient(withInterceptorsFromDi())],
 * })
 * export class AppModule {}
 */
@NgModule()
export class MsalHttpModule {
  static forRoot(config: MsalHttpConfig, ...features: MsalHttpFeature[]): ModuleWithProviders<MsalHttpModule> {
    return { ngModule: MsalHttpModule, providers: msalHttpProviders(config, features) };
  }
}
