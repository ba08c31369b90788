import { bootstrapApplication, platformBrowser } from '@angular/platform-browser';

import { AppComponent } from './app/app.component';
import { loadDemoSettings } from './app/demo-settings';

/**
 * Reads the settings `npm start` wrote (ports, variant), then boots one of the two variants.
 * Each variant's setup is its own lazily loaded file; everything else is shared.
 */
async function start(): Promise<void> {
  const settings = await loadDemoSettings();
  if (settings.variant === 'module') {
    // Imported only now: AppModule's decorator reads the settings when its file is evaluated.
    const { AppModule } = await import('./app/module/app.module');
    await platformBrowser().bootstrapModule(AppModule);
  } else {
    const { appConfig } = await import('./app/standalone/app.config');
    await bootstrapApplication(AppComponent, appConfig(settings));
  }
}

start().catch((error: unknown) => {
  console.error('The demo failed to start:', error);
  document.body.textContent = `The demo failed to start: ${String(error)}`;
});
