/*
 * The site's search worker: the theme's own worker, with stemming that works as people type.
 *
 * The theme turns every typed word into a prefix query ("arbetsplatser" becomes
 * "arbetsplatser*"), and lunr skips the language pipeline for prefix queries. With a
 * stemmer in the index ("arbetsplatser" and "arbetsplatsen" are both indexed as
 * "arbetsplats") the typed, unstemmed word would then match nothing. So before the theme's
 * worker sees a query, each plain word is replaced by its stem in the site's language
 * (Swedish: lunr-languages' Snowball stemmer; English: lunr's Porter stemmer), the same
 * stemmer the index was built with, so the prefix query finds every form of the word.
 *
 * The build puts this file next to the theme's worker (which finds its language files
 * relative to itself), and the page loads it as "search-worker.js?theme=<that worker>".
 */
"use strict"

const SETUP = 0
const QUERY = 2
const WORD = /(^|[\s\-"])([\p{L}\p{N}]+)(?=$|[\s\-"])/gu

let language = null

/* Registered before the theme's worker, so this listener sees each message first. */
addEventListener("message", event => {
  const message = event.data
  if (!message || typeof message !== "object")
    return
  if (message.type === SETUP) {
    const languages = message.data && message.data.config && message.data.config.lang
    const stemmed = message.data && message.data.config && message.data.config.pipeline
    language = Array.isArray(languages) && languages.length === 1 &&
      Array.isArray(stemmed) && stemmed.includes("stemmer") ? languages[0] : null
  } else if (message.type === QUERY && typeof message.data === "string" && language) {
    message.data = stemQuery(message.data)
  }
})

function stemQuery(query) {
  const lunr = self.lunr
  const support = language === "en" ? lunr : lunr && lunr[language]
  if (!support || typeof support.stemmer !== "function")
    return query
  return query.replace(WORD, (match, before, word) => {
    const token = new lunr.Token(word.toLowerCase(), {})
    if (typeof support.stopWordFilter === "function" && !support.stopWordFilter(token))
      return match
    /* Stem until nothing changes: "tillfällena" gives "tillfällen", which the index holds
       as "tillfäll", like every other form of the word. */
    let stem = token.toString()
    for (let round = 0; round < 3; round++) {
      const next = support.stemmer(new lunr.Token(stem, {})).toString()
      if (!next || next === stem)
        break
      stem = next
    }
    return before + stem
  })
}

const theme = new URL(self.location.href).searchParams.get("theme") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(theme))
  throw new Error(`search-worker.js: unexpected theme worker '${theme}'`)
importScripts(theme)  /* next to this file */
