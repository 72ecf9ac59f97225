// Transliteration of any script to lower-case Latin (any-ascii), with CJK ideographs split into
// one syllable each ("金正恩" gives "jin zheng en") and Arabic long vowels and word-initial alif
// and ain written as vowels, since any-ascii drops them ("احمد" would be "hmd", not "ahmd").
import anyAscii from "any-ascii";

// CJK ideographs, Hiragana/Katakana and Hangul syllables: one token per character.
const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;
const cjkOne = new RegExp(cjk.source);
const arabicOne = /[\u0600-\u06ff]/;

function arabicVowels(text: string): string {
  return text
    .replace(/(^|[^\u0600-\u06ff])[\u0627\u0623\u0625\u0622\u0639]/g, "$1a") // initial alif, ain
    .replace(/(^|[^\u0600-\u06ff])\u0648/g, "$1w") // initial waw is a consonant
    .replace(/(^|[^\u0600-\u06ff])\u064a/g, "$1y") // initial yeh is a consonant
    .replace(/[\u0627\u0622\u0649\u0629]/g, "a") // alif, alif madda, alif maqsura, ta marbuta
    .replace(/\u0648/g, "u")
    .replace(/\u064a/g, "i")
    .replace(/[\u0639\u0621\u0623\u0625\u0624\u0626]/g, ""); // ain, hamza carriers: silent
}

/** Lower-case ASCII of a text in any script. */
export function anyAsciiLower(text: string): string {
  let spaced = cjkOne.test(text) ? text.replace(cjk, (c) => ` ${c} `) : text;
  if (arabicOne.test(spaced)) spaced = arabicVowels(spaced);
  return anyAscii(spaced).toLowerCase();
}
