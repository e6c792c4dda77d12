package i18n

// quotesFetchErrorsZH is the catalogue of fetching Changjiang's daily price list and history pages.
var quotesFetchErrorsZH = map[string]string{}
