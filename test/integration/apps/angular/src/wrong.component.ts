// Each line marked `must fail` is a mistake ngc's strict templates have to catch.
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'community-widgets/rating.js';

@Component({
  selector: 'app-wrong',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  // One mistake per marked line, so the formatter leaves the template alone.
  // prettier-ignore
  template: `
    <cw-rating (cw-rate)="stars($event.detail.stars)"></cw-rating> <!-- must fail -->
    <cw-rating (cw-rate)="wrongDetail($event)"></cw-rating> <!-- must fail -->
  `,
})
export class WrongComponent {
  stars(value: number): number {
    return value;
  }
  wrongDetail(event: CustomEvent<{ stars: number }>): number {
    return event.detail.stars;
  }
}
