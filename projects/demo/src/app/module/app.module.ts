import { provideHttpClient, withInterceptors, withInterceptorsFromDi } from '@angular/common/http';
import { NgModule } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { MsalHttpModule, withDiInterceptor } from 'ngx-msal-http';

import { AppComponent } from '../app.component';
import { demoDpop, demoMsalHttpConfig } from '../demo-msal-http-config';
import { provideDemo } from '../demo-providers';
import { loadedDemoSettings } from '../demo-settings';
import { requestLogInterceptor } from '../requests/request-log';

// A module's configuration is fixed when its file is evaluated, as in an app that imports
// environment.ts; main.ts imports this file only after demo-config.json has been read.
const settings = loadedDemoSettings();

/**
 * The demo's own providers. They sit in a module of their own because an NgModule injector
 * registers the providers of plainly imported modules before those of `forRoot()` imports: this
 * way the event log's initializer runs before ngx-msal-http starts msal-browser, and the log sees
 * msal-browser's first events (the stream is hot).
 */
@NgModule({ providers: [provideDemo(settings)] })
export class DemoProvidersModule {}

/**
 * The NgModule variant: `platformBrowser().bootstrapModule(AppModule)`. `withDiInterceptor()`
 * registers the class interceptor in HTTP_INTERCEPTORS, which `withInterceptorsFromDi()` runs;
 * it is listed first, so the demo's log sees the requests after the token was attached.
 */
@NgModule({
  imports: [
    BrowserModule,
    AppComponent,
    DemoProvidersModule,
    MsalHttpModule.forRoot(demoMsalHttpConfig(settings), withDiInterceptor(), demoDpop(settings)),
  ],
  providers: [provideHttpClient(withInterceptorsFromDi(), withInterceptors([requestLogInterceptor]))],
  bootstrap: [AppComponent],
})
export class AppModule {}
