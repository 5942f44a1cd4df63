// What a screen of the app gets from the shell, and what it gives back.
import type { RecordTab } from '../screens/pilots/pilotRecord';
import type { ReferenceData } from '../backend/types';

export interface ScreenContext {
  /** Shared by all screens; screens read it when they are mounted, so a change shows on the next visit. */
  reference: ReferenceData;
  /** Replaces the shared reference data (after districts or municipalities changed). */
  setReference: (reference: ReferenceData) => void;
  /** The date the rules use (ISO), from the backend's app_state. */
  today: () => string;
  /** A short confirmation in the status line ("Gespeichert."). */
  toast: (message: string) => void;
  /** An error that belongs to no single field, shown in the banner. */
  showError: (message: string) => void;
  clearError: () => void;
  /** Goes to the Lotsen screen and opens the pilot's page, optionally on a tab. */
  openPilot: (id: number, tab?: RecordTab) => void;
  /** Goes to another screen by its id ("lotsen"); the screen loads its data anew. */
  showScreen: (id: string) => void;
}

export interface Screen {
  element: HTMLElement;
  /** Loads the screen's data again. */
  refresh: () => Promise<void>;
  /** Handles Escape; true when something was closed. */
  onEscape?: () => boolean;
  /** Screens that show pilots open one here (the Lotsen screen). */
  openPilot?: (id: number, tab?: RecordTab) => Promise<void>;
}

export interface ScreenDef {
  id: string;
  label: string;
  /** Screens without a mount are not built yet and stay out of the navigation. */
  mount?: (container: HTMLElement, ctx: ScreenContext) => Screen;
}
