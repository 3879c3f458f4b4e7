import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app.component';
import { startMocks } from './mocks';

await startMocks();
await bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] });
