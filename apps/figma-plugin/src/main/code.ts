import type { PluginAPI } from '@figma/plugin-typings/plugin-api-standalone.js';
import { startPlugin } from './start-plugin.js';

declare const figma: PluginAPI;
declare const __html__: string;

figma.showUI(__html__, { width: 340, height: 720, themeColors: true, title: 'Neural style transfer' });
startPlugin(figma);
