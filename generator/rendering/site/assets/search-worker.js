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
 *
 * The theme's worker (and lunr with it) is only loaded when the first message comes: the
 * page sends none until someone starts to search and the index has arrived
 * (search-lazy.js), so a page view that does not search loads neither.
 */
"use strict"

const SETUP = 0
const QUERY = 2
const WORD = /(^|[\s\-"])([\p{L}\p{N}]+)(?=$|[\s\-"])/gu

let language = null

const theme = new URL(self.location.href).searchParams.get("theme") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(theme))
  throw new Error(`search-worker.js: unexpected theme worker '${theme}'`)
let loaded = false
let redispatching = false

/* Registered before the theme's worker, so this listener sees each message first. */
addEventListener("message", event => {
  if (redispatching)
    return
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
  if (!loaded) {
    /* The theme's worker adds its own listener, which the message being dispatched no
       longer reaches: hand the message to it once more (this listener ignores it). */
    loaded = true
    importScripts(theme)  /* next to this file */
    redispatching = true
    try {
      dispatchEvent(new MessageEvent("message", { data: message }))
    } finally {
      redispatching = false
    }
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
