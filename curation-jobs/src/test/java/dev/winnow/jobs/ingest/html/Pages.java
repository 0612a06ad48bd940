package dev.winnow.jobs.ingest.html;

import java.util.List;

/**
 * Hand-written test pages: a local-news article about a community garden in English, German and
 * French, wrapped in the usual boilerplate (cookie banner, header, nav, sidebar, footer).
 */
final class Pages {

    private Pages() {}

    static final String EN_TITLE =
            "Volunteers turn an empty lot into a thriving community garden";

    static final List<String> EN_ARTICLE =
            List.of(
                    "When the old hardware store on Mill Street closed its doors five years ago, the empty"
                            + " lot behind it quickly filled with weeds, broken pallets and the occasional"
                            + " abandoned shopping cart. Few of the neighbours expected that it would ever become"
                            + " anything more than an eyesore, and most of them simply walked past it on their"
                            + " way to the bus stop.",
                    "That changed last spring, when a small group of retired teachers asked the city"
                            + " council whether they could borrow the land for a season. The council agreed on"
                            + " the condition that the volunteers would clean it up at their own expense, and"
                            + " within a month they had hauled away more than two tonnes of rubbish and built"
                            + " their first raised beds out of salvaged timber.",
                    "Today the garden has forty-two plots, a rainwater tank that was donated by a local"
                            + " plumber, and a waiting list that grows longer every week. On Saturday mornings"
                            + " the paths are crowded with families who come to water their tomatoes, swap seeds"
                            + " and share advice about what to do with the slugs that seem to arrive with every"
                            + " warm rain.",
                    "The organisers say that the food is only part of the story. Many of the people who"
                            + " signed up had lived on the same street for years without ever speaking to one"
                            + " another, and for them the garden has become a place where they can meet, talk"
                            + " and help each other out. The council is now considering whether the lease should"
                            + " be extended for another five years.");

    /** Boilerplate strings that must never come out of the English page. */
    static final List<String> EN_BOILERPLATE =
            List.of(
                    "cookies",
                    "Accept all",
                    "Privacy policy",
                    "Riverside Courier",
                    "Home",
                    "Sport",
                    "Weather",
                    "Most read",
                    "Council approves new cycle lanes",
                    "All rights reserved",
                    "Contact us",
                    "Sign up for our newsletter",
                    "var tracking",
                    "font-family",
                    "Subscribe");

    static String english() {
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Community garden | The Riverside Courier</title>
          <style>body { font-family: Georgia, serif; } .nav li { display: inline; }</style>
          <script>var tracking = { id: 'RC-123', page: 'garden' };</script>
        </head>
        <body>
          <div id="cookie-banner" class="banner">
            <p>We use cookies to give you the best experience on our website. By continuing to
               browse the site you agree to our use of cookies.
               <a href="/privacy">Privacy policy</a></p>
            <button>Accept all</button>
          </div>
          <header>
            <a class="logo" href="/">The Riverside Courier</a>
            <nav class="nav">
              <ul>
                <li><a href="/">Home</a></li>
                <li><a href="/news">News</a></li>
                <li><a href="/sport">Sport</a></li>
                <li><a href="/business">Business</a></li>
                <li><a href="/culture">Culture</a></li>
                <li><a href="/weather">Weather</a></li>
              </ul>
            </nav>
            <form action="/search"><input name="q" placeholder="Search"><button>Go</button></form>
          </header>
          <main>
            <article>
              <h1>%s</h1>
              <p class="byline">By Margaret Hale, local affairs reporter</p>
              <!-- ad slot: article-top -->
              <p>%s</p>
              <p>%s</p>
              <div class="ad"><script>renderAd('inline-1');</script></div>
              <p>%s</p>
              <p>%s</p>
            </article>
            <aside class="sidebar">
              <h3>Most read</h3>
              <ul>
                <li><a href="/a1">Council approves new cycle lanes</a></li>
                <li><a href="/a2">Bakery wins regional award</a></li>
                <li><a href="/a3">Road closures this weekend</a></li>
                <li><a href="/a4">School fete raises record sum</a></li>
              </ul>
              <div class="newsletter">
                <p><a href="/newsletter">Sign up for our newsletter</a></p>
                <button>Subscribe</button>
              </div>
            </aside>
          </main>
          <footer>
            <p>&copy; 2024 The Riverside Courier. All rights reserved.</p>
            <p><a href="/about">About us</a> | <a href="/contact">Contact us</a> |
               <a href="/terms">Terms</a> | <a href="/privacy">Privacy</a></p>
          </footer>
          <script>document.querySelector('.banner').hidden = false;</script>
        </body>
        </html>
        """
                .formatted(
                        EN_TITLE, EN_ARTICLE.get(0), EN_ARTICLE.get(1), EN_ARTICLE.get(2), EN_ARTICLE.get(3));
    }

    static final List<String> DE_ARTICLE =
            List.of(
                    "Als der alte Eisenwarenladen in der Mühlenstraße vor fünf Jahren schloss, wuchs auf dem"
                            + " leeren Grundstück dahinter schon bald Unkraut zwischen kaputten Paletten. Kaum"
                            + " jemand in der Nachbarschaft hätte damals gedacht, dass aus dieser Fläche einmal"
                            + " etwas werden könnte, und die meisten gingen auf dem Weg zur Bushaltestelle"
                            + " einfach an ihr vorbei.",
                    "Das änderte sich im vergangenen Frühjahr, als eine kleine Gruppe pensionierter"
                            + " Lehrerinnen bei der Stadt nachfragte, ob sie das Grundstück für eine Saison"
                            + " nutzen dürfe. Die Stadt stimmte unter der Bedingung zu, dass die Freiwilligen es"
                            + " auf eigene Kosten aufräumen, und schon nach einem Monat hatten sie mehr als zwei"
                            + " Tonnen Müll weggeschafft.",
                    "Heute gibt es in dem Garten zweiundvierzig Beete, einen Regenwassertank, den ein"
                            + " Installateur aus dem Viertel gespendet hat, und eine Warteliste, die mit jeder"
                            + " Woche länger wird. Am Samstagmorgen sind die Wege voller Familien, die ihre"
                            + " Tomaten gießen, Samen tauschen und sich gegenseitig Ratschläge geben, was man"
                            + " gegen die vielen Schnecken tun kann.",
                    "Die Organisatorinnen sagen, dass es dabei nicht nur um das Gemüse geht. Viele der"
                            + " Menschen, die sich angemeldet haben, wohnten seit Jahren in derselben Straße, ohne"
                            + " jemals miteinander gesprochen zu haben, und für sie ist der Garten zu einem Ort"
                            + " geworden, an dem sie sich treffen, reden und einander helfen können.");

    static final List<String> DE_BOILERPLATE =
            List.of(
                    "Cookies", "Datenschutz", "Alle akzeptieren", "Startseite", "Wirtschaft",
                    "Meistgelesen", "Radwege", "Alle Rechte vorbehalten", "Impressum", "Anzeiger");

    static String german() {
        return """
        <html lang="de"><head><title>Gemeinschaftsgarten – Mühlenstädter Anzeiger</title>
        <script>window.dataLayer = [];</script></head>
        <body>
        <div class="consent"><p>Wir verwenden Cookies, um Ihnen das beste Erlebnis auf unserer
          Website zu bieten. Wenn Sie die Seite weiter nutzen, stimmen Sie dem zu.
          <a href="/datenschutz">Datenschutz</a></p><button>Alle akzeptieren</button></div>
        <header><a href="/">Mühlenstädter Anzeiger</a>
          <ul class="menu"><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
          <li><a href="/wirtschaft">Wirtschaft</a></li><li><a href="/sport">Sport</a></li>
          <li><a href="/kultur">Kultur</a></li></ul></header>
        <div id="content">
          <h1>Ehrenamtliche verwandeln eine Brachfläche in einen Gemeinschaftsgarten</h1>
          <p>%s</p>
          <p>%s</p>
          <p>%s</p>
          <p>%s</p>
        </div>
        <div class="sidebar"><h4>Meistgelesen</h4>
          <ol><li><a href="/1">Stadtrat beschließt neue Radwege</a></li>
          <li><a href="/2">Bäckerei gewinnt Preis</a></li>
          <li><a href="/3">Straßensperrungen am Wochenende</a></li></ol></div>
        <div class="footer"><p>© 2024 Mühlenstädter Anzeiger. Alle Rechte vorbehalten.</p>
          <p><a href="/impressum">Impressum</a> · <a href="/kontakt">Kontakt</a> ·
          <a href="/agb">AGB</a></p></div>
        </body></html>
        """
                .formatted(DE_ARTICLE.get(0), DE_ARTICLE.get(1), DE_ARTICLE.get(2), DE_ARTICLE.get(3));
    }

    static final List<String> FR_ARTICLE =
            List.of(
                    "Lorsque la vieille quincaillerie de la rue du Moulin a fermé ses portes il y a cinq"
                            + " ans, le terrain vide qui se trouvait derrière elle s’est rapidement couvert de"
                            + " mauvaises herbes et de palettes cassées. Peu de voisins imaginaient alors que cet"
                            + " endroit pourrait un jour devenir autre chose qu’une verrue, et la plupart"
                            + " passaient devant sans le regarder.",
                    "Tout a changé au printemps dernier, quand un petit groupe d’enseignantes à la retraite"
                            + " a demandé à la mairie si elles pouvaient utiliser le terrain pendant une saison."
                            + " La mairie a accepté à condition que les bénévoles le nettoient à leurs frais, et"
                            + " en un mois elles avaient déjà évacué plus de deux tonnes de déchets.",
                    "Aujourd’hui, le jardin compte quarante-deux parcelles, une citerne d’eau de pluie"
                            + " offerte par un plombier du quartier et une liste d’attente qui s’allonge chaque"
                            + " semaine. Le samedi matin, les allées sont pleines de familles qui viennent"
                            + " arroser leurs tomates, échanger des graines et se donner des conseils pour lutter"
                            + " contre les limaces.",
                    "Les organisatrices expliquent que les légumes ne sont qu’une partie de l’histoire."
                            + " Beaucoup de gens qui se sont inscrits vivaient depuis des années dans la même rue"
                            + " sans jamais se parler, et pour eux le jardin est devenu un lieu où ils peuvent se"
                            + " retrouver, discuter et s’entraider.");

    static final List<String> FR_BOILERPLATE =
            List.of(
                    "cookies", "Tout accepter", "Confidentialité", "Accueil", "Économie", "Les plus lus",
                    "pistes cyclables", "Tous droits réservés", "Mentions légales", "Le Courrier");

    static String french() {
        return """
        <!doctype html><html lang="fr"><head><meta charset="utf-8">
        <title>Jardin partagé - Le Courrier du Moulin</title></head>
        <body>
        <section id="rgpd"><p>Nous utilisons des cookies pour vous offrir la meilleure
          expérience possible sur notre site. En poursuivant votre navigation, vous acceptez
          leur utilisation. <a href="/confidentialite">Confidentialité</a></p>
          <button>Tout accepter</button></section>
        <nav><a href="/">Le Courrier du Moulin</a> <a href="/">Accueil</a> <a href="/politique">Politique</a>
          <a href="/economie">Économie</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav>
        <article>
          <h2>Des bénévoles transforment un terrain vague en jardin partagé</h2>
          <p>%s</p>
          <p>%s</p>
          <p>%s</p>
          <p>%s</p>
        </article>
        <aside><h3>Les plus lus</h3><ul>
          <li><a href="/1">Le conseil municipal vote de nouvelles pistes cyclables</a></li>
          <li><a href="/2">Une boulangerie primée</a></li></ul></aside>
        <footer><p>© 2024 Le Courrier du Moulin. Tous droits réservés.</p>
          <p><a href="/mentions">Mentions légales</a> - <a href="/contact">Contact</a></p></footer>
        </body></html>
        """
                .formatted(FR_ARTICLE.get(0), FR_ARTICLE.get(1), FR_ARTICLE.get(2), FR_ARTICLE.get(3));
    }

    /** Candidates in the order a multilingual crawl would pass them. */
    static final List<String> CRAWL_LANGUAGES =
            List.of("en", "de", "fr", "es", "it", "pt", "nl", "ru", "sv", "da", "no", "fi", "hu", "id");
}
