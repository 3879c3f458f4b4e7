import type { ArgTypes } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor } from 'storybook/test';
import { demoPersonas, mockToken } from '../../server/msw/index.js';
import { deepQuery } from './dom.js';
import { mocked } from './mock-api.js';

// What the widgets' stories share: the persona a story signs in as, its theme control, and
// waiting for a part inside the widget's shadow roots.

/**
 * How long a play function waits for a part. A story's first render loads its chunks and msw's
 * worker; on a 2-core machine beside other work that took over 15 s (issue 19: the Endorse
 * story's play timed out at 5 s before it clicked), so play functions wait as long as the
 * smoke check that drives them.
 */
export const PLAY_TIMEOUT = 30_000;

export type Persona = keyof typeof demoPersonas;
export type Theme = 'light' | 'dark' | undefined;

export const themeArgTypes: Partial<ArgTypes<{ theme: Theme }>> = {
  theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
};

/** `content` inside a `<cw-community>` on the story's own mock, signed in as `persona` (null: anonymous). */
export function asPersona(
  context: { id: string; loaded: Record<string, unknown> },
  persona: Persona | null,
  content: unknown,
): TemplateResult {
  const token = persona ? mockToken(demoPersonas[persona]) : undefined;
  return html`<cw-community api=${mocked(context).api} token=${ifDefined(token)}
    >${content}</cw-community
  >`;
}

/** Waits until `selector` matches inside `root`, through shadow roots, and answers it. */
export const find = (root: HTMLElement, selector: string): Promise<HTMLElement> =>
  waitFor(
    () => {
      const found = deepQuery(root, selector);
      expect(found).toBeTruthy();
      return found!;
    },
    { timeout: PLAY_TIMEOUT },
  );
