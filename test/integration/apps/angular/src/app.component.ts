import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
// Registers the elements, and their typed events in GlobalEventHandlersEventMap, which
// Angular's strict templates use to type `$event`.
import 'community-widgets/community.js';
import 'community-widgets/rating.js';
import type { RateDetail } from 'community-widgets/rating.js';
import { token } from './mocks';

@Component({
  selector: 'app-root',
  // Angular does not know cw-* tags; this lets them through (it checks no inputs on them).
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <cw-community api="/api" [getToken]="getToken">
      <cw-rating
        id="direct"
        subject="sku-1"
        label="Kettle"
        [distribution]="true"
        (cw-rate)="rated($event)"
      ></cw-rating>
      <output id="events">{{ events().join('|') }}</output>
    </cw-community>
  `,
})
export class AppComponent {
  readonly events = signal<string[]>([]);
  // A function: Angular's [property] binding sets it as the element's property.
  readonly getToken = async () => token;

  rated(event: CustomEvent<RateDetail>): void {
    this.events.update((list) => [...list, `direct ${event.detail.subject} ${event.detail.value}`]);
  }
}
