tmexport-lexicon 1 words=1 lemmas=55 headwords=27 pairs=80
# From CC-CEDICT (MDBG; CC BY-SA 4.0, see LICENSE beside this file): date=2026-09-10T07:14:51Z, entries=125049; 33 entries read, 28 with a matchable headword
# Built by tools/lexicon/build-lexicon --max-words 3
# The lemmas, one a line (ids 0, 1, ...), then "headword<TAB>lemma ids"
computer
economic
cof
market
really
bazaar
caf
country
economy
enough
individual
marketplac
nation
reach
shop
stat
stretch
virus
announc
around
athletic
away
best
bull
buy
cab
city
company
corporation
declar
escap
evaporat
ey
firm
good
government
grand
great
king
leak
monarch
municipality
paw
proclaim
reign
run
runway
sell
strongest
target
taxi
track
trad
truly
typ
个	10
個	10
公司	27 28 33
咖啡	2
咖啡館	2 6 14
咖啡馆	2 6 14
国家	7 12 15
國家	7 12 15
够	4 9 13 16
夠	4 9 13 16
宣布	18 29 43
市	3 24 26 34 41 47 52
市场	3 5 11
市場	3 5 11
政府	35
王	22 36 37 38 40 44 48 54
电脑	0
电脑病毒	0 17
的	4 23 25 32 49 50 53
經濟	1 8
經濟學	1
经济	1 8
经济学	1
跑	19 21 30 31 39 42 45
跑道	20 46 51
電腦	0
電腦病毒	0 17
